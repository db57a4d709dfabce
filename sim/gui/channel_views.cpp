// channel_views.cpp: the transcript as each channel looks. See channel_views.h.
//
// [SECTION] Shared pieces: cards, dividers, avatars, stars, the typing dots
// [SECTION] Chat: a messenger window, bubbles with times, "Sam is typing..."
// [SECTION] Email: the reply being composed, the customer's email, the quoted thread
// [SECTION] Review: a review platform's page, the stars, the review and the public reply
// [SECTION] Phone: a call with its timer, the lines as a call transcript
#include "channel_views.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace ta::gui {

namespace {

using Speaker = TranscriptEntry::Speaker;

std::string customer_name(const App& app) {
    const std::string& n = app.play.scenario->customer.name;
    return n.empty() ? "Customer" : n;
}

// The "..." after an indicator's words, one more dot every third of a second.
std::string animated_ellipsis(const App& app) { return std::string(1 + static_cast<int>(app.now * 3.0) % 3, '.'); }

// [SECTION] Shared pieces --------------------------------------------------------------------------

// A filled, bordered rounded rectangle: cards and header bars.
void framed_rect(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 bg, ImU32 border, float rounding) {
    dl->AddRectFilled(a, b, bg, rounding);
    dl->AddRect(a, b, border, rounding);
}

// A rounded card around whatever is drawn between begin and end (not nestable).
struct Card {
    ImVec2 start;
    float width = 0;
    float pad = 0;
};

Card begin_card(float width, float pad) {
    Card c{ImGui::GetCursorScreenPos(), width, pad};
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->ChannelsSplit(2);
    dl->ChannelsSetCurrent(1);
    ImGui::SetCursorScreenPos(ImVec2(c.start.x + pad, c.start.y + pad));
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width - 2 * pad);
    return c;
}

void end_card(const Card& c, ImU32 bg, ImU32 border, float rounding) {
    ImGui::PopTextWrapPos();
    ImGui::Dummy(ImVec2(c.width - 2 * c.pad, 0));
    ImGui::EndGroup();
    float bottom = ImGui::GetItemRectMax().y + c.pad;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->ChannelsSetCurrent(0);
    framed_rect(dl, c.start, ImVec2(c.start.x + c.width, bottom), bg, border, rounding);
    dl->ChannelsMerge();
    ImGui::SetCursorScreenPos(ImVec2(c.start.x, bottom));
    ImGui::Dummy(ImVec2(c.width, ImGui::GetFontSize() * 0.4f));
}

// A thin rule across a card's content (ImGui::Separator would run to the window's edge).
void card_rule(const App& app, float width) {
    ImVec2 a = ImGui::GetCursorScreenPos();
    float em = ImGui::GetFontSize();
    ImGui::GetWindowDrawList()->AddLine(ImVec2(a.x, a.y + em * 0.2f), ImVec2(a.x + width, a.y + em * 0.2f),
                                        app.palette.card_border);
    ImGui::Dummy(ImVec2(width, em * 0.4f));
}

// "———  Continued by email  ———" where the conversation changes channel.
void channel_divider(const App& app, Channel ch) {
    std::string label = std::string("Continued: ") + channel_label(ch);
    float em = ImGui::GetFontSize();
    float avail = ImGui::GetContentRegionAvail().x;
    ImVec2 ts = ImGui::CalcTextSize(label.c_str());
    ImVec2 cur = ImGui::GetCursorScreenPos();
    float y = cur.y + ts.y * 0.5f;
    float gap = em * 0.6f;
    float left = (avail - ts.x) * 0.5f;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddLine(ImVec2(cur.x, y), ImVec2(cur.x + left - gap, y), app.palette.card_border);
    dl->AddLine(ImVec2(cur.x + left + ts.x + gap, y), ImVec2(cur.x + avail, y), app.palette.card_border);
    dl->AddText(ImVec2(cur.x + left, cur.y), app.palette.muted_text, label.c_str());
    ImGui::Dummy(ImVec2(avail, ts.y + em * 0.3f));
}

// A round avatar with the customer's initial.
void avatar(const App& app, ImVec2 centre, float r, const std::string& name) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddCircleFilled(centre, r, app.palette.accent, 24);
    std::string initial = name.empty() ? "?" : name.substr(0, 1);
    ImGui::PushFont(app.fonts.bold);
    ImVec2 ts = ImGui::CalcTextSize(initial.c_str());
    dl->AddText(ImVec2(centre.x - ts.x * 0.5f, centre.y - ts.y * 0.5f), app.palette.accent_text, initial.c_str());
    ImGui::PopFont();
}

// One star, filled or as an outline. ImGui fills only convex shapes: the star is its inner
// pentagon plus five point triangles.
void draw_star(ImDrawList* dl, ImVec2 c, float r, bool filled, ImU32 fill, ImU32 empty) {
    auto pts = star_outline(c.x, c.y, r, r * 0.45f);
    ImVec2 p[10];
    for (int i = 0; i < 10; ++i) p[i] = ImVec2(pts[i][0], pts[i][1]);
    ImU32 col = filled ? fill : empty;
    ImVec2 inner[5] = {p[1], p[3], p[5], p[7], p[9]};
    dl->AddConvexPolyFilled(inner, 5, col);
    for (int i = 0; i < 10; i += 2) dl->AddTriangleFilled(p[(i + 9) % 10], p[i], p[i + 1], col);
    if (!filled) dl->AddPolyline(p, 10, fill, ImDrawFlags_Closed, 1.2f);
}

// A row of five stars at the cursor, `stars` of them filled; returns the row's width.
float star_row(const App& app, int stars, float size) {
    ImVec2 cur = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    for (int i = 0; i < 5; ++i)
        draw_star(dl, ImVec2(cur.x + size * (0.5f + i * 1.1f), cur.y + size * 0.5f), size * 0.5f, i < stars,
                  app.palette.warn, app.palette.track);
    float w = size * 5.5f;
    ImGui::Dummy(ImVec2(w, size));
    return w;
}

// A quoted block: a bar on the left, the words muted beside it.
void quoted(const App& app, const std::string& attribution, const std::vector<std::string>& lines) {
    float em = ImGui::GetFontSize();
    ImVec2 top = ImGui::GetCursorScreenPos();
    ImGui::Indent(em * 0.9f);
    text_muted(app, "%s", attribution.c_str());
    for (const auto& l : lines) text_muted(app, "%s", l.c_str());
    ImGui::Unindent(em * 0.9f);
    float bottom = ImGui::GetItemRectMax().y;
    ImGui::GetWindowDrawList()->AddRectFilled(top, ImVec2(top.x + em * 0.2f, bottom), app.palette.card_border);
    ImGui::Dummy(ImVec2(0, em * 0.35f));
}

// Label in muted text, value in bold, on one line: "From:  Priya Shah".
void header_field(const App& app, const char* label, const std::string& value) {
    text_muted(app, "%s", label);
    ImGui::SameLine(ImGui::GetFontSize() * 5.2f + ImGui::GetStyle().WindowPadding.x);
    ImGui::PushFont(app.fonts.bold);
    ImGui::TextWrapped("%s", value.c_str());
    ImGui::PopFont();
}

void narrator_line(const App& app, const std::string& text) {
    ImGui::PushFont(app.fonts.bold);
    float tw = ImGui::CalcTextSize(text.c_str()).x;
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, (ImGui::GetContentRegionAvail().x - tw) * 0.5f));
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(app.palette.narrator_text), "%s", text.c_str());
    ImGui::PopFont();
}

// An indicator line: "<words>..." with the dots in a bubble before it.
void indicator(const App& app, const std::string& words, ImU32 bubble_bg) {
    draw_typing_dots(app, bubble_bg);
    ImGui::SameLine();
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + ImGui::GetFontSize() * 0.3f);
    text_muted(app, "%s%s", words.c_str(), animated_ellipsis(app).c_str());
}

}  // namespace

void draw_typing_dots(const App& app, ImU32 bg) {
    const Palette& p = app.palette;
    float em = ImGui::GetFontSize();
    int phase = static_cast<int>(app.now * 3.0) % 3;
    ImVec2 c = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    float r = em * 0.22f;
    dl->AddRectFilled(c, ImVec2(c.x + em * 3.2f, c.y + em * 1.6f), bg, em * 0.8f);
    for (int d = 0; d < 3; ++d)
        dl->AddCircleFilled(ImVec2(c.x + em * (0.8f + d * 0.8f), c.y + em * 0.8f), r,
                            d == phase ? p.customer_text : p.muted_text, 12);
    ImGui::Dummy(ImVec2(em * 3.2f, em * 1.6f));
}

// [SECTION] Chat -----------------------------------------------------------------------------------

namespace {

// A chat bubble, `indent` in from the left (room for the avatar) or against the right edge.
ImVec2 chat_bubble(const App& app, const std::string& text, bool right, float indent, float max_w) {
    const Palette& p = app.palette;
    float em = ImGui::GetFontSize();
    float pad = em * 0.7f;
    float avail = ImGui::GetContentRegionAvail().x;
    ImVec2 ts = ImGui::CalcTextSize(text.c_str(), nullptr, false, max_w - 2 * pad);
    float w = ts.x + 2 * pad, h = ts.y + 2 * pad * 0.75f;
    ImVec2 cur = ImGui::GetCursorScreenPos();
    float x = right ? cur.x + avail - w - em * 0.3f : cur.x + indent;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImU32 bg = right ? p.trainee_bubble : p.customer_bubble;
    // Chat bubbles: rounded, with the corner towards the speaker squared off.
    ImDrawFlags corners = right ? ImDrawFlags_RoundCornersAll & ~ImDrawFlags_RoundCornersBottomRight
                                : ImDrawFlags_RoundCornersAll & ~ImDrawFlags_RoundCornersBottomLeft;
    dl->AddRectFilled(ImVec2(x, cur.y), ImVec2(x + w, cur.y + h), bg, em * 0.9f, corners);
    if (!right) dl->AddRect(ImVec2(x, cur.y), ImVec2(x + w, cur.y + h), p.card_border, em * 0.9f, corners);
    dl->AddText(ImGui::GetFont(), em, ImVec2(x + pad, cur.y + pad * 0.75f), right ? p.trainee_text : p.customer_text,
                text.c_str(), nullptr, max_w - 2 * pad);
    ImGui::Dummy(ImVec2(avail, h));
    ImGui::Dummy(ImVec2(0, em * 0.1f));
    return ImVec2(x, cur.y + h);
}

void right_aligned_muted(const App& app, const std::string& text) {
    float w = ImGui::CalcTextSize(text.c_str()).x;
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x - w - ImGui::GetFontSize() * 0.3f);
    text_muted(app, "%s", text.c_str());
}

}  // namespace

void draw_chat_bar(App& app) {
    const Palette& p = app.palette;
    float em = ImGui::GetFontSize();
    float w = ImGui::GetContentRegionAvail().x - em * 0.4f;
    std::string name = customer_name(app);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImVec2 a = ImGui::GetCursorScreenPos();
    float bar_h = em * 2.6f;
    framed_rect(dl, a, ImVec2(a.x + w, a.y + bar_h), p.card_bg, p.card_border, em * 0.4f);
    ImVec2 centre(a.x + em * 1.3f, a.y + bar_h * 0.5f);
    avatar(app, centre, em * 0.85f, name);
    dl->AddCircleFilled(ImVec2(centre.x + em * 0.6f, centre.y + em * 0.6f), em * 0.25f, p.good, 12);  // online
    ImGui::PushFont(app.fonts.bold);
    dl->AddText(ImVec2(a.x + em * 2.6f, a.y + em * 0.25f), p.customer_text, name.c_str());
    ImGui::PopFont();
    dl->AddText(ImVec2(a.x + em * 2.6f, a.y + em * 1.3f), p.muted_text, "Online  \u00b7  live chat on the website");
    ImGui::Dummy(ImVec2(w, bar_h + em * 0.2f));
}

void draw_chat_transcript(App& app, std::size_t shown, bool busy) {
    const Scenario& sc = *app.play.scenario;
    const auto& t = app.play.session->transcript();
    float em = ImGui::GetFontSize();
    float indent = em * 2.4f;
    float max_w = std::min(app.layout.bubble_max_width, ImGui::GetContentRegionAvail().x * 0.75f);
    std::string name = customer_name(app);
    std::string first = first_name(name);
    auto msgs = group_messages(sc, t, shown);
    Channel prev = Channel::Chat;
    for (const auto& m : msgs) {
        if (m.speaker == Speaker::Narrator) {
            ImGui::Dummy(ImVec2(0, em * 0.3f));
            narrator_line(app, m.lines.front());
            continue;
        }
        if (m.channel != prev) channel_divider(app, m.channel);
        prev = m.channel;
        bool right = m.speaker == Speaker::Trainee;
        ImVec2 last{};
        for (const auto& line : m.lines) last = chat_bubble(app, line, right, indent, max_w);
        std::string stamp = clock_text(m.minute);
        ImGui::SetCursorPosY(ImGui::GetCursorPosY() - ImGui::GetStyle().ItemSpacing.y - em * 0.1f);
        if (right) {
            right_aligned_muted(app, stamp + "  \u00b7  Seen");
        } else {
            avatar(app, ImVec2(last.x - indent * 0.5f, last.y - em * 0.9f), em * 0.8f, name);
            ImGui::SetCursorPosX(ImGui::GetCursorPosX() + indent);
            text_muted(app, "%s  \u00b7  %s", first.c_str(), stamp.c_str());
        }
        ImGui::Dummy(ImVec2(0, em * 0.25f));
    }
    if (busy) {
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + indent);
        indicator(app, typing_text(name), app.palette.customer_bubble);
    }
}

// [SECTION] Email ----------------------------------------------------------------------------------

void draw_email_transcript(App& app, std::size_t shown, bool busy) {
    const Scenario& sc = *app.play.scenario;
    const Session& s = *app.play.session;
    const Palette& p = app.palette;
    float em = ImGui::GetFontSize();
    float w = ImGui::GetContentRegionAvail().x - em * 0.4f;
    std::string name = customer_name(app);
    auto msgs = group_messages(sc, s.transcript(), shown);

    // The customer's latest email that has arrived, what the trainee sent after it, the ending.
    int latest = -1;
    for (int i = 0; i < static_cast<int>(msgs.size()); ++i)
        if (msgs[i].speaker == Speaker::Customer && msgs[i].complete && msgs[i].channel == Channel::Email) latest = i;
    const ChannelMessage* sent = nullptr;
    const ChannelMessage* ending = nullptr;
    int customer_emails = 0;
    for (int i = 0; i < static_cast<int>(msgs.size()); ++i) {
        if (msgs[i].speaker == Speaker::Customer && msgs[i].channel == Channel::Email && i <= latest) ++customer_emails;
        if (i > latest && msgs[i].speaker == Speaker::Trainee) sent = &msgs[i];
        if (msgs[i].speaker == Speaker::Narrator) ending = &msgs[i];
    }
    std::string subject = sc.subject.empty() ? "Your message" : sc.subject;

    if (ending) {
        narrator_line(app, ending->lines.front());
        ImGui::Dummy(ImVec2(0, em * 0.2f));
    }

    // The reply being composed (or just sent), as an email client's reply window.
    Card c = begin_card(w, em * 0.7f);
    ImGui::PushFont(app.fonts.bold);
    ImGui::TextUnformatted(sent ? "Reply sent" : s.ended() ? "Reply" : "Reply (draft)");
    ImGui::PopFont();
    header_field(app, "To:", name);
    header_field(app, "Subject:", reply_subject(subject));
    card_rule(app, w - 2 * c.pad);
    if (sent) {
        for (const auto& l : sent->lines) ImGui::TextWrapped("%s", l.c_str());
        text_muted(app, "Sent %s", clock_text(sent->minute).c_str());
    } else if (!s.ended()) {
        text_muted(app, "Your reply: choose its words below. It is sent as soon as you choose.");
    }
    end_card(c, p.note_bg, p.accent, em * 0.35f);

    if (busy) {
        indicator(app, first_name(name) + " is writing a reply", p.customer_bubble);
        ImGui::Dummy(ImVec2(0, em * 0.2f));
    }

    // The customer's email, then everything earlier quoted below it, newest first.
    if (latest >= 0) {
        const ChannelMessage& m = msgs[latest];
        Card e = begin_card(w, em * 0.8f);
        ImGui::PushFont(app.fonts.title);
        ImGui::TextWrapped("%s", (customer_emails > 1 ? reply_subject(subject) : subject).c_str());
        ImGui::PopFont();
        header_field(app, "From:", name);
        header_field(app, "To:", "You (customer service)");
        header_field(app, "Date:", "Today, " + clock_text(m.minute));
        card_rule(app, w - 2 * e.pad);
        for (const auto& l : m.lines) {
            ImGui::TextWrapped("%s", l.c_str());
            ImGui::Dummy(ImVec2(0, em * 0.25f));
        }
        for (int i = latest - 1; i >= 0; --i) {
            if (msgs[i].speaker == Speaker::Narrator) continue;
            quoted(app, quote_attribution(msgs[i], name, sc.stars), msgs[i].lines);
        }
        end_card(e, p.card_bg, p.card_border, em * 0.35f);
    } else {
        for (int i = static_cast<int>(msgs.size()) - 1; i >= 0; --i) {
            if (msgs[i].speaker == Speaker::Narrator || &msgs[i] == sent) continue;
            quoted(app, quote_attribution(msgs[i], name, sc.stars), msgs[i].lines);
        }
    }
}

// [SECTION] Review ---------------------------------------------------------------------------------

void draw_review_transcript(App& app, std::size_t shown, bool busy) {
    const Scenario& sc = *app.play.scenario;
    const Session& s = *app.play.session;
    const Palette& p = app.palette;
    float em = ImGui::GetFontSize();
    float w = ImGui::GetContentRegionAvail().x - em * 0.4f;
    std::string name = customer_name(app);
    auto msgs = group_messages(sc, s.transcript(), shown);
    ImDrawList* dl = ImGui::GetWindowDrawList();

    // The platform's header band: a star logo, its name, what is being reviewed.
    ImVec2 a = ImGui::GetCursorScreenPos();
    float band_h = em * 2.4f;
    dl->AddRectFilled(a, ImVec2(a.x + w, a.y + band_h), p.accent, em * 0.35f);
    draw_star(dl, ImVec2(a.x + em * 1.2f, a.y + band_h * 0.5f), em * 0.75f, true, p.accent_text, p.accent_text);
    ImGui::PushFont(app.fonts.title);
    float title_h = ImGui::GetFontSize();
    dl->AddText(ImGui::GetFont(), title_h, ImVec2(a.x + em * 2.3f, a.y + (band_h - title_h) * 0.5f), p.accent_text,
                "Reviews");
    float title_w = ImGui::CalcTextSize("Reviews").x;
    ImGui::PopFont();
    std::string where = sc.industry.empty() ? "Public page" : sc.industry + "  \u00b7  public page";
    dl->AddText(ImVec2(a.x + em * 2.3f + title_w + em, a.y + (band_h - em) * 0.5f), p.accent_text, where.c_str());
    ImGui::Dummy(ImVec2(w, band_h + em * 0.3f));

    // Anything said before the review, in other channels.
    std::size_t i = 0;
    for (; i < msgs.size() && msgs[i].channel != Channel::Review; ++i)
        if (msgs[i].speaker != Speaker::Narrator) quoted(app, quote_attribution(msgs[i], name, sc.stars), msgs[i].lines);

    Card c = begin_card(w, em * 0.9f);
    ImVec2 head = ImGui::GetCursorScreenPos();
    avatar(app, ImVec2(head.x + em * 1.1f, head.y + em * 1.1f), em * 1.1f, name);
    ImGui::SetCursorScreenPos(ImVec2(head.x + em * 2.8f, head.y));
    ImGui::BeginGroup();
    ImGui::PushFont(app.fonts.bold);
    ImGui::TextUnformatted(name.c_str());
    ImGui::PopFont();
    star_row(app, sc.stars, em * 1.15f);
    ImGui::SameLine();
    text_muted(app, "%s  \u00b7  reviewed today at %s", stars_label(sc.stars).c_str(),
               clock_text(i < msgs.size() ? msgs[i].minute : kConversationStartMinute).c_str());
    ImGui::EndGroup();
    ImGui::Dummy(ImVec2(0, em * 0.3f));
    bool review_drawn = false;
    bool awaiting_reply = false;
    for (; i < msgs.size(); ++i) {
        const ChannelMessage& m = msgs[i];
        if (m.speaker == Speaker::Narrator) continue;
        if (m.channel != Channel::Review) continue;  // said elsewhere: the other channel's view shows it
        if (!review_drawn && m.speaker == Speaker::Customer) {
            for (const auto& l : m.lines) ImGui::TextWrapped("%s", l.c_str());
            review_drawn = true;
            awaiting_reply = true;
            continue;
        }
        // Replies and follow-ups sit under the review, indented, as on a review site.
        ImGui::Dummy(ImVec2(0, em * 0.3f));
        ImVec2 top = ImGui::GetCursorScreenPos();
        ImGui::Indent(em * 1.4f);
        ImGui::PushFont(app.fonts.bold);
        if (m.speaker == Speaker::Trainee) ImGui::TextUnformatted("Response from the owner");
        else ImGui::Text("%s replied", name.c_str());
        ImGui::PopFont();
        ImGui::SameLine();
        text_muted(app, "\u00b7  %s", clock_text(m.minute).c_str());
        for (const auto& l : m.lines) ImGui::TextWrapped("%s", l.c_str());
        ImGui::Unindent(em * 1.4f);
        dl->AddRectFilled(ImVec2(top.x + em * 0.4f, top.y), ImVec2(top.x + em * 0.6f, ImGui::GetItemRectMax().y),
                          m.speaker == Speaker::Trainee ? p.accent : p.card_border);
        awaiting_reply = m.speaker == Speaker::Customer;
    }
    if (awaiting_reply && !busy && !s.ended() && visible_channel(s, shown) == Channel::Review) {
        ImGui::Dummy(ImVec2(0, em * 0.4f));
        ImGui::Indent(em * 1.4f);
        ImVec2 top = ImGui::GetCursorScreenPos();
        ImGui::PushFont(app.fonts.bold);
        ImGui::TextUnformatted("Your public reply");
        ImGui::PopFont();
        text_muted(app, "Everyone who reads this review will see it. Choose its words below.");
        ImGui::Unindent(em * 1.4f);
        dl->AddRect(ImVec2(top.x - em * 0.5f, top.y - em * 0.3f),
                    ImVec2(c.start.x + w - c.pad, ImGui::GetItemRectMax().y + em * 0.3f), p.accent, em * 0.3f, 0, 1.5f);
        ImGui::Dummy(ImVec2(0, em * 0.3f));
    }
    end_card(c, p.card_bg, p.card_border, em * 0.35f);
    if (busy) indicator(app, first_name(name) + " is writing", p.customer_bubble);
    for (const auto& m : msgs)
        if (m.speaker == Speaker::Narrator) narrator_line(app, m.lines.front());
}

// [SECTION] Phone ----------------------------------------------------------------------------------

void draw_call_bar(App& app, double call_seconds) {
    const Scenario& sc = *app.play.scenario;
    const Session& s = *app.play.session;
    const Palette& p = app.palette;
    float em = ImGui::GetFontSize();
    float w = ImGui::GetContentRegionAvail().x - em * 0.4f;
    std::string name = customer_name(app);
    ImDrawList* dl = ImGui::GetWindowDrawList();

    // The call bar: a live dot, who is on the line, the running time.
    ImVec2 a = ImGui::GetCursorScreenPos();
    float bar_h = em * 3.0f;
    framed_rect(dl, a, ImVec2(a.x + w, a.y + bar_h), p.note_bg, p.note_border, em * 0.4f);
    bool live = !s.ended();
    dl->AddCircleFilled(ImVec2(a.x + em * 1.2f, a.y + bar_h * 0.5f), em * 0.45f, live ? p.good : p.muted_text, 20);
    ImGui::PushFont(app.fonts.bold);
    std::string who = (live ? "On a call with " : "Call ended: ") + name;
    dl->AddText(ImVec2(a.x + em * 2.2f, a.y + em * 0.45f), p.customer_text, who.c_str());
    ImGui::PopFont();
    std::string sub = std::string("Phone call") + (sc.customer.relationship.empty() ? "" : "  \u00b7  " + sc.customer.relationship);
    dl->AddText(ImVec2(a.x + em * 2.2f, a.y + em * 1.55f), p.muted_text, sub.c_str());
    std::string timer = call_timer_text(call_seconds);
    ImGui::PushFont(app.fonts.title);
    ImVec2 ts = ImGui::CalcTextSize(timer.c_str());
    dl->AddText(ImGui::GetFont(), ImGui::GetFontSize(), ImVec2(a.x + w - ts.x - em, a.y + (bar_h - ts.y) * 0.5f),
                live ? p.customer_text : p.muted_text, timer.c_str());
    ImGui::PopFont();
    ImGui::Dummy(ImVec2(w, bar_h + em * 0.2f));
}

void draw_phone_transcript(App& app, std::size_t shown, bool busy) {
    const Scenario& sc = *app.play.scenario;
    const Session& s = *app.play.session;
    const Palette& p = app.palette;
    float em = ImGui::GetFontSize();
    std::string name = customer_name(app);

    // The lines as a call transcript: who spoke, when, what was said.
    auto msgs = group_messages(sc, s.transcript(), shown);
    Channel prev = Channel::Phone;
    for (const auto& m : msgs) {
        if (m.speaker == Speaker::Narrator) {
            narrator_line(app, m.lines.front());
            continue;
        }
        if (m.channel != prev) channel_divider(app, m.channel);
        prev = m.channel;
        bool you = m.speaker == Speaker::Trainee;
        ImGui::PushFont(app.fonts.bold);
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(you ? p.accent : p.customer_text), "%s",
                           you ? "You" : name.c_str());
        ImGui::PopFont();
        ImGui::SameLine();
        std::string mood = !you && !m.emotion.empty() && m.emotion != "neutral" ? "  \u00b7  " + m.emotion : "";
        text_muted(app, "%s%s", clock_text(m.minute).c_str(), mood.c_str());
        ImGui::Indent(em * 0.9f);
        for (const auto& l : m.lines) ImGui::TextWrapped("%s", l.c_str());
        ImGui::Unindent(em * 0.9f);
        ImGui::Dummy(ImVec2(0, em * 0.35f));
    }
    if (busy) indicator(app, first_name(name) + " is speaking", p.customer_bubble);
}

}  // namespace ta::gui
