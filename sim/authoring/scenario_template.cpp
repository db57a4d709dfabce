#include "scenario_template.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>

namespace ta {

namespace {

// {{TITLE}}, {{ID}}, {{CUSTOMER}}, {{INDUSTRY}} and {{SCHEMA}} are filled in. Every choice has
// feedback and every node at least two choices, so `lint` reports nothing; the first choice at
// each node is the model answer. The id is quoted: a slug such as 2024, 1e5 or null would
// otherwise be a number or null to a schema-aware editor (YAML 1.2), not the string it is.
constexpr const char* kTemplate = R"({{SCHEMA}}
#
# A new scenario, made by `turnaround-cli new`. It already plays: try it, then make it yours.
# Replace the customer's lines and the trainee's replies with your own situation; keep each
# reply's tags honest (scoring/rubric.yaml lists them) and give every reply one sentence of
# feedback. It shows each part of the format once (a timer, a flag, a mood route, patience, an
# escalation and a parting): keep what you need. Check your work with:
#   turnaround-cli lint --strict THIS_FILE   and   turnaround-cli analyze THIS_FILE
format: 1
id: "{{ID}}"
title: {{TITLE}}
version: "0.1"
summary: A customer was let down and has come to complain. Replace this with one or two sentences on the situation.
industry: {{INDUSTRY}}
difficulty: easy
minutes: 5
objectives:
  - Let the customer tell the whole story before offering anything
  - Apologise plainly for what went wrong, without excuses
  - Offer a choice of remedies, then check back as promised

customer:
  name: {{CUSTOMER}}
  relationship: regular
  persona: Polite to begin with; turns short and sarcastic when brushed off.
  backstory: Describe what went wrong before the conversation starts, as the trainee would know it.
  mood: 30             # 0 furious .. 100 delighted
  patience: 2          # replies that lower the mood before the customer walks out
  walkout: walked-out  # the ending taken when patience runs out

# Each reply is a trade-off, so that no option is an obvious throwaway, and the model reply
# (model: true) is not always the longest. `analyze` enforces the checks listed here.
scoring:
  checks: [no-pass-without-apology, no-pass-without-listening, no-pass-without-follow-up, no-traps,
           no-loops, no-length-cue, model-path-clean, promise-kept-reachable]

start: opening

nodes:
  - id: opening
    note: What the trainee can see or knows at this point, e.g. the order history on screen.
    say:
      - text: I was promised this would be sorted a week ago. Nobody has called me back.
        emotion: frustrated    # how the customer looks and sounds while saying it
    timer: 30                  # a timer: seconds to answer before on_timeout is taken
    on_timeout:
      text: (You look at the screen and say nothing.)
      next: story
      mood: -15
      tags: [hesitate]
      feedback: A long silence while the customer waits reads as not knowing or not caring.
    choices:
      - model: true
        text: A week with no call back is not good enough. Tell me what happened, from the beginning.
        next: story
        mood: +10
        tags: [acknowledge_feelings, let_them_speak]
        sets: [heard-story]    # a flag: remembered for later, it changes which replies are offered (never the score)
        feedback: Naming the frustration and inviting the whole story shows you are listening before you act.
      - text: I'm so sorry about that, it really isn't good enough. Let me put it right for you straight away, today.
        next: remedy
        mood: -5
        tags: [apologise, fix_fast]
        feedback: The apology is right, but fixing before hearing the story may fix the wrong thing.

  - id: story
    say:
      - text: I took a day off to be there, and nothing happened. Then I was told to wait another week.
        emotion: upset
    choices:
      - model: true
        text: I'm sorry. We made you a promise and didn't keep it, and that's our mistake.
        next: remedy
        mood: +15
        tags: [apologise, admit_mistake]
        feedback: A plain apology that owns the mistake calms things more than any explanation.
      - text: So you lost a day's work waiting for us. Did anyone tell you why it didn't happen?
        next: remedy
        mood: +5
        tags: [paraphrase]
        feedback: Saying the problem back shows you heard it, but the customer is still waiting for a sorry.

  - id: remedy
    mood_routes:               # a mood route: checked on arrival, first match wins
      - below: 25              # still this cross after a silence and no apology: asks for the manager
        next: wants-manager
    say:
      - text: So what are you actually going to do about it?
        emotion: sceptical
    choices:
      - model: true
        text: I can fix it for you today, or refund you in full right now. Which would suit you better?
        next: doubt
        mood: +15
        tags: [offer_choice, state_next_steps]
        feedback: Offering a real choice puts the customer back in control of the outcome.
      - text: I'll book you in for first thing tomorrow and ring you once it's done.
        next: next-day
        mood: +5
        tags: [impose_solution, promise_follow_up]
        feedback: The follow-up is good, but picking the remedy for the customer may not suit them.
      - id: nothing-more
        text: I'm really sorry, but there's nothing more I can do today.
        next: walked-out
        mood: -20
        tags: [apologise, brush_off]
        feedback: An apology followed by "nothing I can do" leaves the customer with nothing; offer a remedy or a senior colleague.

  - id: wants-manager
    say:
      - text: This is going nowhere. I want to speak to your manager.
        emotion: angry
    choices:
      - model: true
        text: I'm sorry, I've made this harder than it needed to be. I can fix it today or refund you now; which would you like?
        next: doubt
        mood: +15
        tags: [apologise, offer_choice]
        feedback: Owning the slip and offering a real choice yourself answers the request better than passing it on.
      - id: hand-over
        text: Of course. I'll fetch my manager and tell her everything, so you won't have to repeat it.
        next: handed-over
        mood: +5
        tags: [escalate_senior]
        feedback: A warm handover beats a refusal, but the customer still has no apology and no fix from you.
      - id: part-ways
        text: I understand. Here is how to make a formal complaint, and I'm sorry we couldn't sort it today.
        next: parted-ways
        tags: [professional_parting]
        feedback: A calm, polite parting keeps the door open, but nothing was put right.

  - id: doubt
    say:
      - text: Forgive me if I don't hold my breath.
        emotion: sceptical
    choices:
      - model: true
        text: That's fair after this week. I'll call you tomorrow at ten to check it's done.
        next: next-day
        mood: +10
        tags: [stay_calm, promise_follow_up]
        feedback: Staying calm and naming a time for the call turns a promise into something they can hold you to.
      - text: I'd feel exactly the same in your place, honestly. It will be done today, you have my word on that.
        next: unconvinced
        mood: +5
        tags: [acknowledge_feelings, stay_calm]
        feedback: Understanding the doubt helps, but without a promise to check back the customer is left to hope.

  - id: next-day
    note: The next morning. You ring the customer as promised.
    say:
      - text: Oh. I didn't think you'd actually call.
        emotion: calmer
    choices:
      - model: true
        text: I said I would. Is everything working as it should now? Anything else I can do?
        next: recovered
        mood: +10
        tags: [confirm_fix, close_loop]
        feedback: Checking the fix worked and asking if anything is left closes the case on the customer's terms.
      - text: I wanted to say sorry again for last week. Is everything working properly now?
        next: recovered
        mood: +10
        tags: [apologise, confirm_fix]
        feedback: A second apology is kind, but asking whether anything else is needed would close the loop.
      - text: Is it all working? And you lost a day off for us, so I've put a credit on your account for it.
        requires: [heard-story]  # offered only to a trainee who let the customer tell the story
        next: recovered
        mood: +10
        tags: [confirm_fix, close_loop]
        feedback: Remembering the day off the customer lost shows you listened a day later too.

endings:
  - id: recovered
    type: recovered            # recovered | escalated | parted | lost
    title: Back on side
    epilogue: The fix holds, your call the next morning confirms it, and the customer stays.
  - id: handed-over
    type: escalated
    can_pass: false            # an escalation passes unless marked; here nothing was owned or fixed first
    title: Handed to the manager
    epilogue: Your manager sorts it out, but the customer tells her nobody else had said sorry.
  - id: parted-ways
    type: parted               # a parting fails unless marked can_pass: true (the right call)
    title: A polite goodbye
    epilogue: The customer leaves with the complaint form, unhappy but not angry.
  - id: unconvinced
    type: lost
    title: Not convinced
    epilogue: The fix arrives, but nobody checks in, and the customer quietly takes their business elsewhere.
  - id: walked-out
    type: lost
    title: Walked out
    epilogue: The customer leaves without a fix and tells friends about it that evening.

# What a trainer expects of these playthroughs; `turnaround-cli lint` plays and checks each one.
expect:
  - name: model path passes
    choices: model
    passes: true
    ending: recovered
    why: Hearing the story, owning the mistake, offering a choice and calling back as promised is the whole recovery.
  - name: nothing more I can do
    choices: [opening#1, story#1, nothing-more]
    passes: false
    ending: walked-out
    why: An apology followed by a refusal with no alternative is a brush-off, and the customer leaves.
  - name: no promise to check back
    choices: [opening#1, story#1, remedy#1, doubt#2]
    passes: false
    ending: unconvinced
    why: Without a check back the fix is never confirmed, and the customer drifts away.
  - name: silence, no apology, then a handover
    choices: [opening#timeout, story#2, hand-over]
    passes: false
    ending: handed-over
    why: After a silence and no apology the customer wants the manager; handing over fixes nothing you owned.
  - name: silence, no apology, then a polite parting
    choices: [opening#timeout, story#2, part-ways]
    passes: false
    ending: parted-ways
    why: Parting politely keeps composure, but the customer leaves with nothing put right.
)";

// Fills every {{NAME}} in one pass, so text supplied by the trainer is never expanded again.
std::string fill(const std::string& text, const std::map<std::string, std::string>& values) {
    std::string out;
    std::size_t at = 0;
    while (at < text.size()) {
        std::size_t open = text.find("{{", at);
        std::size_t close = open == std::string::npos ? open : text.find("}}", open);
        if (close == std::string::npos) break;
        auto it = values.find(text.substr(open + 2, close - open - 2));
        out.append(text, at, open - at);
        out += it == values.end() ? text.substr(open, close + 2 - open) : it->second;
        at = close + 2;
    }
    out.append(text, std::min(at, text.size()), std::string::npos);
    return out;
}

// The schema reference goes in a comment: keep it on one line.
std::string one_line(const std::string& s) {
    std::string out;
    for (char c : s) out += (c == '\n' || c == '\r') ? ' ' : c;
    return out;
}

}  // namespace

std::string yaml_quoted(const std::string& text) {
    std::string out = "\"";
    for (unsigned char c : text) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\t': out += "\\t"; break;
            case '\r': out += "\\r"; break;
            default:
                if (c < 0x20 || c == 0x7F) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\x%02X", c);
                    out += buf;
                } else {
                    out += static_cast<char>(c);
                }
        }
    }
    return out + "\"";
}

std::string slug_from_title(const std::string& title) {
    std::string slug;
    bool dash = false;
    for (unsigned char c : title) {
        const bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
        if (keep) {
            if (dash && !slug.empty()) slug += '-';
            dash = false;
            slug += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
            if (slug.size() >= 48) break;
        } else {
            dash = true;
        }
    }
    while (!slug.empty() && slug.back() == '-') slug.pop_back();
    return slug.empty() ? "new-scenario" : slug;
}

std::string schema_ref_for_file(const std::string& output) {
    namespace fs = std::filesystem;
    if (output.empty() || output == "-") return "";
    std::error_code ec;
    const fs::path dir = fs::weakly_canonical(fs::absolute(fs::path(output), ec), ec).parent_path();
    if (ec) return "";
    for (fs::path at = dir;; at = at.parent_path()) {
        for (const fs::path& schema : {at / "schema" / "scenario.schema.json", at / "scenarios" / "schema" / "scenario.schema.json"})
            if (fs::is_regular_file(schema, ec)) {
                fs::path rel = fs::relative(schema, dir, ec);
                if (!ec && !rel.empty()) return rel.generic_string();
            }
        if (at == at.parent_path()) break;
    }
    return "";
}

std::string schema_comment(const std::string& schema_ref) {
    if (!schema_ref.empty()) return "# yaml-language-server: $schema=" + one_line(schema_ref);
    return "# For completion and checking as you type (VS Code's YAML extension and other editors using\n"
           "# yaml-language-server), add a first line naming Turnaround's scenario schema relative to this\n"
           "# file, e.g.  # yaml-language-server: $schema=../scenarios/schema/scenario.schema.json";
}

std::string scaffold_scenario(const ScaffoldInfo& info) {
    return fill(kTemplate, {
                               {"SCHEMA", schema_comment(info.schema_ref)},
                               {"ID", slug_from_title(info.title)},
                               {"TITLE", yaml_quoted(info.title.empty() ? "New scenario" : info.title)},
                               {"CUSTOMER", yaml_quoted(info.customer.empty() ? "Sam Taylor" : info.customer)},
                               {"INDUSTRY", yaml_quoted(info.industry.empty() ? "General" : info.industry)},
                           });
}

}  // namespace ta
