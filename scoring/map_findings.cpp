#include "map_findings.h"

#include <algorithm>
#include <deque>

#include "session.h"

namespace ta::scoring {

namespace {

const CheckResult* find_check(const Analysis& a, const std::string& name) {
    for (const auto& c : a.checks)
        if (c.name == name) return c.waived.empty() ? &c : nullptr;  // a waived check is drawn nowhere
    return nullptr;
}

MapFinding::Severity severity_of(const CheckResult* c, bool draft) {
    if (c && c->enforced && !c->ok) return MapFinding::Severity::Error;
    return draft ? MapFinding::Severity::Todo : MapFinding::Severity::Warning;  // as analyze marks it
}

std::size_t code_points(const std::string& s) {
    return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char ch) { return (ch & 0xC0) != 0x80; }));
}

// Nodes a trainee can enter: the start, where an offered reply leads, and on from there by a
// time-out or a mood route (their conditions are not weighed: over, never under, the truth).
std::vector<char> entered_nodes(const Analysis& a, const Scenario& s) {
    std::vector<char> in(s.nodes.size(), 0);
    std::deque<int> queue;
    auto enter = [&](const std::string& id) {
        int n = s.node_index(id);
        if (n >= 0 && !in[n]) {
            in[n] = 1;
            queue.push_back(n);
        }
    };
    enter(s.start);
    for (const auto& ch : a.choices)
        if (ch.offered)
            if (const Node* node = s.find_node(ch.node_id); node && ch.choice_index >= 0 &&
                                                            ch.choice_index < static_cast<int>(node->choices.size()))
                enter(node->choices[ch.choice_index].next);
    while (!queue.empty()) {
        const Node& node = s.nodes[queue.front()];
        queue.pop_front();
        if (node.on_timeout) enter(node.on_timeout->next);
        for (const auto& r : node.mood_routes) enter(r.next);
    }
    return in;
}

// The reply a decision's model is: the marked one, else the best playthrough's there (-1: none).
int model_reply(const Analysis& a, const Node& node) {
    for (std::size_t i = 0; i < node.choices.size(); ++i)
        if (node.choices[i].model) return static_cast<int>(i);
    for (const auto& step : a.best_path.steps)
        if (step.node_id == node.id && step.choice_index >= 0) return step.choice_index;
    return -1;
}

}  // namespace

int source_line(const Scenario& s, const std::string& id) {
    if (const Node* n = s.find_node(id)) return n->pos.line;
    if (const Ending* e = s.find_ending(id)) return e->pos.line;
    return 0;
}

int source_line(const Scenario& s, const std::string& node_id, int choice_index) {
    const Node* n = s.find_node(node_id);
    if (!n) return 0;
    if (choice_index == kTimeoutChoice) return n->on_timeout ? n->on_timeout->pos.line : n->pos.line;
    if (choice_index < 0 || choice_index >= static_cast<int>(n->choices.size())) return n->pos.line;
    return n->choices[choice_index].pos.line;
}

std::vector<const MapFinding*> MapFindings::on_node(const std::string& node_id) const {
    std::vector<const MapFinding*> out;
    for (const auto& f : findings)
        if (f.node_id == node_id) out.push_back(&f);
    return out;
}

std::vector<const MapFinding*> MapFindings::on_reply(const std::string& node_id, int choice_index) const {
    std::vector<const MapFinding*> out;
    for (const auto& f : findings)
        if (f.node_id == node_id && f.choice_index == choice_index) out.push_back(&f);
    return out;
}

MapFindings map_findings(const Analysis& a, const Scenario& s) {
    MapFindings out;
    if (!a.ok) return out;
    auto add = [&](const char* check, MapFinding::Severity sev, const std::string& id, std::optional<int> choice,
                   std::string message) {
        const int line = choice ? source_line(s, id, *choice) : source_line(s, id);
        out.findings.push_back({check, sev, id, choice, std::move(message), line});
    };

    // Never entered: nothing leads there on any playthrough.
    const std::vector<char> entered = entered_nodes(a, s);
    for (std::size_t n = 0; n < s.nodes.size(); ++n)
        if (!entered[n]) add("reachable", MapFinding::Severity::Warning, s.nodes[n].id, std::nullopt, "no playthrough gets here");
    for (const auto& e : a.endings)
        if (!e.reachable) add("reachable", MapFinding::Severity::Warning, e.id, std::nullopt, "no playthrough ends here");

    // A reply never offered is a mistake wherever it is; one that no pass takes or that another
    // beats is by design (a wrong answer) unless the scenario enforces no-dead-choices.
    if (const CheckResult* c = find_check(a, "no-dead-choices"); c && !c->ok)
        for (const auto& ch : a.choices) {
            if (const int n = s.node_index(ch.node_id); n >= 0 && !entered[n]) continue;  // said once, on the node
            if (!ch.offered)
                add(c->enforced ? "no-dead-choices" : "reachable", severity_of(c, a.draft), ch.node_id, ch.choice_index,
                    "never offered (its flags never hold here)");
            if (!c->enforced) continue;
            if (ch.offered && !ch.on_passing_path) add(c->name.c_str(), severity_of(c, a.draft), ch.node_id, ch.choice_index, "on no passing playthrough");
            if (ch.dominated)
                add(c->name.c_str(), severity_of(c, a.draft), ch.node_id, ch.choice_index,
                    "dominated by " + ch.dominated_by + " (as good or better in every competency)");
        }
    if (const CheckResult* c = find_check(a, "no-traps"); c && !c->ok) {
        for (const auto& id : a.stuck_nodes)
            add(c->name.c_str(), severity_of(c, a.draft), id, std::nullopt, "a trainee can get stuck here, with no way on to an ending");
        for (const auto& e : a.endings)
            if (e.reachable && e.type == EndingType::Recovered && e.can_pass && !e.passing_reaches)
                add(c->name.c_str(), severity_of(c, a.draft), e.id, std::nullopt, "recovered, but no passing playthrough ends here");
    }
    if (const CheckResult* c = find_check(a, "no-loops"); c && !c->ok)
        for (const auto& id : a.loop_nodes) add(c->name.c_str(), severity_of(c, a.draft), id, std::nullopt, "a trainee can come back here");
    if (const CheckResult* c = find_check(a, "no-length-cue"); c && !c->ok)
        for (std::size_t n = 0; n < s.nodes.size(); ++n) {
            const Node& node = s.nodes[n];
            const int model = entered[n] && node.choices.size() >= 2 ? model_reply(a, node) : -1;
            if (model < 0) continue;
            const std::size_t len = code_points(node.choices[model].text);
            bool longest = true;
            for (std::size_t i = 0; i < node.choices.size(); ++i)
                if (static_cast<int>(i) != model && code_points(node.choices[i].text) > len) longest = false;
            if (longest) add(c->name.c_str(), severity_of(c, a.draft), node.id, model, "the model reply is the longest here: trainees can pick it by length");
        }

    // File order of the places concerned, so the list reads like the file.
    std::stable_sort(out.findings.begin(), out.findings.end(),
                     [](const MapFinding& x, const MapFinding& y) { return x.line < y.line; });
    // Examples for the checks `analyze` reports as failing (not those it leaves unchecked).
    const bool follow_up_scored = a.exercised[static_cast<int>(Competency::FollowUp)];
    for (const auto& c : a.checks) {
        if (c.ok || !c.example || !c.waived.empty()) continue;
        if (!c.enforced && (c.name == "no-dead-choices" || (c.name == "no-pass-without-follow-up" && !follow_up_scored))) continue;
        out.examples.push_back({c.name, c.enforced, c.verdict, *c.example});
    }
    return out;
}

}  // namespace ta::scoring
