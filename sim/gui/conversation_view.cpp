// The conversation: the customer's panel (face or portrait, mood, context), the transcript revealed
// at a readable pace and drawn as its channel looks (in person: speech bubbles; chat, email, public
// review and phone: see channel_views.h), and the trainee's choices as large numbered buttons.
#include <algorithm>
#include <cmath>
#include <filesystem>

#include "app.h"
#include "channel_views.h"
#include "face.h"
#include "safe_path.h"

namespace ta::gui {

namespace {

struct ConversationUi {
    std::string portrait_warning;   // last portrait problem reported (once per problem)
    std::size_t last_shown = SIZE_MAX;
    bool last_busy = false;
    bool confirm_leave = false;     // Esc asks before throwing a conversation away
    bool leave_now = false;         // confirmed: leave at the start of the next frame
    Channel last_channel = Channel::InPerson;
    // The phone call's timer: started when a conversation starts, stopped when it ends.
    const void* call_of = nullptr;  // the session the timer belongs to
    std::int64_t call_started_unix = -1;
    double call_started = 0;         // App::now at the start
    double call_ended = -1;          // App::now at the end, -1 while it runs
};

// Seconds the call has run: from the conversation's start (a new attempt, or "play again",
// restarts it), frozen at the end. Counted on App::now, the window's monotonic clock.
double call_seconds(App& app) {
    auto& ui = app.screen_state<ConversationUi>();
    const Session* s = &*app.play.session;
    if (ui.call_of != s || ui.call_started_unix != app.play.started_unix ||
        (s->turns().empty() && !s->ended() && ui.call_ended >= 0)) {
        ui.call_of = s;
        ui.call_started_unix = app.play.started_unix;
        ui.call_started = app.now;
        ui.call_ended = -1;
    }
    if (s->ended() && ui.call_ended < 0) ui.call_ended = app.now;
    return (ui.call_ended >= 0 ? ui.call_ended : app.now) - ui.call_started;
}

// The emotion of the latest customer line the trainee can see.
std::string visible_emotion(const App& app) {
    const auto& t = app.play.session->transcript();
    std::size_t shown = std::min(app.play.pacer.shown(), t.size());
    for (std::size_t i = shown; i-- > 0;)
        if (t[i].speaker == TranscriptEntry::Speaker::Customer) return t[i].emotion;
    return "neutral";
}

// Mood as the trainee has seen it: the mood before the latest turn while the reply is still
// being revealed, so the face does not give the reaction away early.
int visible_mood(const App& app) {
    const Session& s = *app.play.session;
    if (app.play.pacer.busy() && !s.turns().empty()) return s.turns().back().mood_before;
    return s.mood();
}

void draw_portrait(App& app, float size) {
    const Scenario& sc = *app.play.scenario;
    ImVec2 pos = ImGui::GetCursorScreenPos();
    float x = pos.x + (ImGui::GetContentRegionAvail().x - size) * 0.5f;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    bool drawn = false;
    if (!sc.customer.portrait.empty() && !sc.source_path.empty()) {
        std::string error;
        auto resolved = resolve_scenario_file(sc.source_path, sc.customer.portrait, app.asset_roots, &error);
        const Texture* tex = resolved ? app.images.get(*resolved, &error) : nullptr;
        if (tex) {
            // Fit the image into the square, keeping its proportions.
            float k = size / static_cast<float>(std::max(tex->width, tex->height));
            float w = tex->width * k, h = tex->height * k;
            ImVec2 a(x + (size - w) * 0.5f, pos.y + (size - h) * 0.5f);
            dl->AddImageRounded(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(tex->id)), a, ImVec2(a.x + w, a.y + h),
                                ImVec2(0, 0), ImVec2(1, 1), IM_COL32_WHITE, size * 0.08f);
            drawn = true;
        } else {
            // Placeholder: the drawn face, with the reason underneath.
            auto& ui = app.screen_state<ConversationUi>();
            if (ui.portrait_warning != error) {
                ui.portrait_warning = error;
                app.notify("Portrait not shown: " + error, true);
            }
        }
    }
    if (!drawn) {
        float r = size * 0.42f;
        draw_face(dl, ImVec2(x + size * 0.5f, pos.y + size * 0.5f), r, face_for(visible_mood(app), visible_emotion(app), sc.customer),
                  app.palette);
    }
    ImGui::Dummy(ImVec2(ImGui::GetContentRegionAvail().x, size));
}

void draw_customer_panel(App& app) {
    const Palette& p = app.palette;
    const Scenario& sc = *app.play.scenario;
    const Session& s = *app.play.session;
    float em = ImGui::GetFontSize();
    draw_portrait(app, app.layout.portrait_size);

    ImGui::PushFont(app.fonts.title);
    ImGui::TextWrapped("%s", sc.customer.name.empty() ? "Customer" : sc.customer.name.c_str());
    ImGui::PopFont();
    // "regular" reads as "regular customer"; "one-off customer" is already a role on its own.
    const std::string& rel = sc.customer.relationship;
    if (!rel.empty()) text_muted(app, rel.find("customer") == std::string::npos ? "%s customer" : "%s", rel.c_str());

    int mood = visible_mood(app);
    ImGui::Dummy(ImVec2(0, em * 0.2f));
    ImGui::Text("Mood: %s", mood_label(mood));
    ImVec2 a = ImGui::GetCursorScreenPos();
    float w = ImGui::GetContentRegionAvail().x;
    draw_mood_meter(ImGui::GetWindowDrawList(), a, ImVec2(a.x + w, a.y + em * 0.8f), mood, p);
    ImGui::Dummy(ImVec2(w, em * 0.8f));
    if (sc.customer.patience > 0) {
        int left = s.patience_left();
        text_muted(app, "Patience: %d more poor answer%s", left, left == 1 ? "" : "s");
    }

    // What the associate knows at this point.
    const Node* node = s.current_node();
    // The latest note on the path so far: what the associate learnt stays known.
    std::string note = node ? node->note : "";
    for (auto it = s.turns().rbegin(); note.empty() && it != s.turns().rend(); ++it)
        if (const Node* n = sc.find_node(it->node_id)) note = n->note;
    if (note.empty()) note = sc.customer.backstory;
    if (!note.empty()) {
        ImGui::Dummy(ImVec2(0, em * 0.3f));
        ImDrawList* dl = ImGui::GetWindowDrawList();
        dl->ChannelsSplit(2);
        dl->ChannelsSetCurrent(1);
        ImVec2 b = ImGui::GetCursorScreenPos();
        float pad = em * 0.6f;
        ImGui::SetCursorScreenPos(ImVec2(b.x + pad, b.y + pad));
        ImGui::BeginGroup();
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + w - 2 * pad);
        ImGui::PushFont(app.fonts.bold);
        ImGui::TextUnformatted("What you know");
        ImGui::PopFont();
        ImGui::TextUnformatted(note.c_str());
        ImGui::PopTextWrapPos();
        ImGui::EndGroup();
        float bottom = ImGui::GetItemRectMax().y + pad;
        dl->ChannelsSetCurrent(0);
        dl->AddRectFilled(b, ImVec2(b.x + w, bottom), p.note_bg, em * 0.4f);
        dl->AddRect(b, ImVec2(b.x + w, bottom), p.note_border, em * 0.4f);
        dl->ChannelsMerge();
        ImGui::SetCursorScreenPos(ImVec2(b.x, bottom));
        ImGui::Dummy(ImVec2(w, em * 0.2f));
    }
    if (!sc.customer.persona.empty() && ImGui::CollapsingHeader("About the customer", ImGuiTreeNodeFlags_DefaultOpen)) {
        ImGui::PushTextWrapPos(0);
        ImGui::TextUnformatted(sc.customer.persona.c_str());
        ImGui::PopTextWrapPos();
    }
    if (!sc.objectives.empty() && ImGui::CollapsingHeader("Objectives")) {
        ImGui::PushTextWrapPos(0);
        for (const auto& o : sc.objectives) {
            ImGui::Bullet();
            ImGui::TextUnformatted(o.c_str());
        }
        ImGui::PopTextWrapPos();
    }
}

void bubble(const App& app, const std::string& text, bool right, ImU32 bg, ImU32 fg, float max_w) {
    float em = ImGui::GetFontSize();
    float pad = em * 0.7f;
    float avail = ImGui::GetContentRegionAvail().x;
    ImVec2 ts = ImGui::CalcTextSize(text.c_str(), nullptr, false, max_w - 2 * pad);
    float w = ts.x + 2 * pad, h = ts.y + 2 * pad * 0.8f;
    ImVec2 cur = ImGui::GetCursorScreenPos();
    float x = right ? cur.x + avail - w - em * 0.3f : cur.x;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(ImVec2(x, cur.y), ImVec2(x + w, cur.y + h), bg, em * 0.8f);
    if (!right) dl->AddRect(ImVec2(x, cur.y), ImVec2(x + w, cur.y + h), app.palette.card_border, em * 0.8f);
    dl->AddText(ImGui::GetFont(), em, ImVec2(x + pad, cur.y + pad * 0.8f), fg, text.c_str(), nullptr, max_w - 2 * pad);
    ImGui::Dummy(ImVec2(avail, h));
    ImGui::Dummy(ImVec2(0, em * 0.15f));
}

// In person: speech bubbles, the speaker's name above the customer's.
void draw_in_person_transcript(App& app, std::size_t shown) {
    const Palette& p = app.palette;
    const auto& t = app.play.session->transcript();
    float em = ImGui::GetFontSize();
    float max_w = std::min(app.layout.bubble_max_width, ImGui::GetContentRegionAvail().x * 0.8f);
    std::string name = app.play.scenario->customer.name.empty() ? "Customer" : app.play.scenario->customer.name;
    for (std::size_t i = 0; i < shown; ++i) {
        const auto& e = t[i];
        switch (e.speaker) {
            case TranscriptEntry::Speaker::Customer:
                if (i == 0 || t[i - 1].speaker != TranscriptEntry::Speaker::Customer)
                    text_muted(app, "%s%s%s", name.c_str(), e.emotion.empty() || e.emotion == "neutral" ? "" : "  ·  ",
                               e.emotion == "neutral" ? "" : e.emotion.c_str());
                bubble(app, e.text, false, p.customer_bubble, p.customer_text, max_w);
                break;
            case TranscriptEntry::Speaker::Trainee: {
                std::string label = "You";
                float lw = ImGui::CalcTextSize(label.c_str()).x;
                ImGui::SetCursorPosX(ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x - lw - em * 0.3f);
                text_muted(app, "%s", label.c_str());
                bubble(app, e.text, true, p.trainee_bubble, p.trainee_text, max_w);
                break;
            }
            case TranscriptEntry::Speaker::Narrator: {
                ImGui::PushFont(app.fonts.bold);
                float tw = ImGui::CalcTextSize(e.text.c_str()).x;
                ImGui::SetCursorPosX(std::max(0.0f, (ImGui::GetContentRegionAvail().x - tw) * 0.5f));
                ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(p.narrator_text), "%s", e.text.c_str());
                ImGui::PopFont();
                break;
            }
        }
    }
    if (app.play.pacer.busy()) {
        // Typing indicator: three dots that fill in turn, under the speaker's name.
        if (shown == 0 || t[shown - 1].speaker != TranscriptEntry::Speaker::Customer) text_muted(app, "%s", name.c_str());
        draw_typing_dots(app, p.customer_bubble);
    }
}

void draw_transcript(App& app, float height) {
    const Session& s = *app.play.session;
    std::size_t shown = std::min(app.play.pacer.shown(), s.transcript().size());
    bool busy = app.play.pacer.busy();
    Channel channel = visible_channel(s, shown);
    float top = ImGui::GetCursorPosY();
    if (channel == Channel::Phone) draw_call_bar(app, call_seconds(app));
    if (channel == Channel::Chat) draw_chat_bar(app);
    ImGui::BeginChild("transcript", ImVec2(0, std::max(4 * ImGui::GetFontSize(), height - (ImGui::GetCursorPosY() - top))),
                      false);
    switch (channel) {
        case Channel::Chat: draw_chat_transcript(app, shown, busy); break;
        case Channel::Email: draw_email_transcript(app, shown, busy); break;
        case Channel::Review: draw_review_transcript(app, shown, busy); break;
        case Channel::Phone: draw_phone_transcript(app, shown, busy); break;
        case Channel::InPerson: draw_in_person_transcript(app, shown); break;
    }
    // Follow the conversation as it grows; an email reads from the top (the reply, then the
    // customer's latest message).
    auto& ui = app.screen_state<ConversationUi>();
    if (ui.last_shown != shown || ui.last_busy != busy || ui.last_channel != channel) {
        if (channel == Channel::Email) ImGui::SetScrollY(0);
        else ImGui::SetScrollHereY(1.0f);
        ui.last_shown = shown;
        ui.last_busy = busy;
        ui.last_channel = channel;
    }
    ImGui::EndChild();
}

float choices_height(const App& app, const std::vector<int>& avail, float width) {
    const Node* node = app.play.session->current_node();
    const ImGuiStyle& st = ImGui::GetStyle();
    float h = 0;
    for (int idx : avail) {
        float text_w = width - ImGui::GetFontSize() * 2.0f - st.FramePadding.x * 2.8f;
        float th = ImGui::CalcTextSize(node->choices[idx].text.c_str(), nullptr, false, std::max(10.0f, text_w)).y;
        h += std::max(app.layout.choice_height, th + st.FramePadding.y * 3) + st.ItemSpacing.y;
    }
    return h;
}

void draw_timer(App& app, float width) {
    const Palette& p = app.palette;
    float em = ImGui::GetFontSize();
    double left = app.play.timer.remaining(app.now);
    float frac = static_cast<float>(app.play.timer.fraction_left(app.now));
    ImU32 col = frac > 0.5f ? p.good : frac > 0.25f ? p.warn : p.bad;
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(col), "Answer within %d s", static_cast<int>(std::ceil(left)));
    ImGui::SameLine();
    ImVec2 a = ImGui::GetCursorScreenPos();
    float w = width - (ImGui::GetCursorPosX() - ImGui::GetWindowContentRegionMin().x);
    a.y += em * 0.3f;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(a, ImVec2(a.x + w, a.y + em * 0.5f), p.track, em * 0.25f);
    dl->AddRectFilled(a, ImVec2(a.x + w * frac, a.y + em * 0.5f), col, em * 0.25f);
    ImGui::Dummy(ImVec2(w, em));
}

void draw_leave_popup(App& app) {
    auto& ui = app.screen_state<ConversationUi>();
    if (ui.confirm_leave) {
        ImGui::OpenPopup("Leave this conversation?");
        ui.confirm_leave = false;
    }
    float em = ImGui::GetFontSize();
    ImGui::SetNextWindowSize(ImVec2(26 * em, 0));
    if (ImGui::BeginPopupModal("Leave this conversation?", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::TextWrapped("The customer is still waiting. If you leave now, this attempt is not scored.");
        if (ImGui::Button("Keep going (Esc)") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false))
            ImGui::CloseCurrentPopup();
        ImGui::SameLine();
        if (ImGui::Button("Leave to the library")) {
            ImGui::CloseCurrentPopup();
            ui.leave_now = true;
        }
        ImGui::EndPopup();
    }
}

void conversation_escape(App& app) {
    if (app.play.session && !app.play.session->ended()) app.screen_state<ConversationUi>().confirm_leave = true;
    else app.go(kLibraryScreen);
}

void draw_conversation(App& app) {
    if (auto& ui = app.screen_state<ConversationUi>(); ui.leave_now) {
        ui.leave_now = false;
        app.record_abandoned();
        app.play = Play{};
    }
    if (!app.play.session || !app.play.scenario) {
        app.go(kLibraryScreen);
        return;
    }
    const Session& s = *app.play.session;
    float em = ImGui::GetFontSize();
    const ImGuiStyle& st = ImGui::GetStyle();
    ImGuiIO& io = ImGui::GetIO();

    // Keys: 1-9 choose, Space/Enter show the rest of what the customer is saying.
    if (!io.WantTextInput) {
        if (app.play.pacer.busy() &&
            (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Space), false) ||
             ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false) ||
             ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter), false)))
            app.skip_reveal();
        for (int k = 1; k <= 9; ++k) {
            // GLFW key codes: '1'..'9' are 49..57, keypad 1..9 are 321..329.
            if (ImGui::IsKeyPressed('0' + k, false) || ImGui::IsKeyPressed(320 + k, false)) {
                app.choose_shown(k);
                break;
            }
        }
    }

    float panel_w = app.layout.customer_panel_width;
    ImGui::BeginChild("customer", ImVec2(panel_w, 0), true);
    draw_customer_panel(app);
    ImGui::EndChild();
    ImGui::SameLine();

    ImGui::BeginChild("talk", ImVec2(0, 0), false,
                      ImGuiWindowFlags_NavFlattened | ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
    float w = ImGui::GetContentRegionAvail().x;
    float full_h = ImGui::GetContentRegionAvail().y;
    std::vector<int> avail = s.ended() ? std::vector<int>{} : s.presented_choices();  // as shown: shuffled
    bool revealing = app.play.pacer.busy();
    const char* hint = "Keys: 1–9 choose  ·  Space shows the rest  ·  arrows + Space move and press  ·  Esc leaves";
    float hint_h = ImGui::CalcTextSize(hint, nullptr, false, w).y + st.ItemSpacing.y;
    float timer_h = app.play.timer.active() && !revealing ? em + st.ItemSpacing.y : 0;
    float wanted = revealing ? ImGui::GetFrameHeightWithSpacing() : choices_height(app, avail, w - st.ScrollbarSize);
    // Choices get what they need while the transcript keeps a few lines; beyond that they scroll.
    float choice_area = std::min(wanted, std::max(full_h * 0.5f, full_h - 9 * em));
    float reserve = choice_area + st.ItemSpacing.y + hint_h + timer_h + st.ItemSpacing.y * 3 + 2;
    float transcript_h = std::max(4 * em, full_h - reserve);
    draw_transcript(app, transcript_h);
    ImGui::Separator();
    if (app.play.timer.active() && !revealing) draw_timer(app, w);

    ImGui::BeginChild("choices", ImVec2(0, choice_area + st.ItemSpacing.y), false, ImGuiWindowFlags_NavFlattened);
    if (revealing) {
        if (ImGui::Button("Show the rest now (Space)")) app.skip_reveal();
    } else {
        float bw = ImGui::GetContentRegionAvail().x;
        int pressed = 0;  // acted on after the loop: choosing changes the node being drawn
        for (std::size_t i = 0; i < avail.size(); ++i) {
            const Choice& c = s.current_node()->choices[avail[i]];
            std::string badge = i < 9 ? std::to_string(i + 1) : "";
            std::string id = "##choice" + std::to_string(i);
            if (big_button(app, id.c_str(), badge, c.text, bw, app.layout.choice_height)) pressed = static_cast<int>(i + 1);
            app.probe("choice:" + std::to_string(i + 1));
        }
        if (pressed) app.choose_shown(pressed);
    }
    ImGui::EndChild();
    draw_leave_popup(app);
    text_muted(app, "%s", hint);
    ImGui::EndChild();
}

double conversation_next_frame(App& app, double now) {
    double t = kNever;
    if (app.play.pacer.busy()) {
        // The next line, or the next step of the typing dots.
        t = std::min(app.play.pacer.seconds_to_next_step(now), 1.0 / 3.0 - std::fmod(now, 1.0 / 3.0));
    }
    // Five steps a second keep the countdown bar moving visibly at a fraction of the cost of 60.
    t = std::min(t, app.play.timer.seconds_to_next_redraw(now, 0.2));
    // A running call timer changes once a second.
    if (app.play.session && !app.play.session->ended()) {
        const Session& s = *app.play.session;
        if (visible_channel(s, std::min(app.play.pacer.shown(), s.transcript().size())) == Channel::Phone) {
            const auto& ui = app.screen_state<ConversationUi>();
            t = std::min(t, 1.0 - std::fmod(std::max(0.0, now - ui.call_started), 1.0));
        }
    }
    return t;
}

const ScreenRegistration kConversation{
    {kConversationScreen, "Conversation", 20, false, draw_conversation, conversation_next_frame, conversation_escape}};

}  // namespace

}  // namespace ta::gui
