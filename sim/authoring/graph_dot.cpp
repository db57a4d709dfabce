#include "graph_dot.h"

#include <cmath>
#include <cstdint>
#include <vector>

#include "utf8_check.h"

namespace ta {

namespace {

constexpr char32_t kReplacement = 0xFFFD;

// Decodes one code point at `i` and advances past it; an invalid sequence yields U+FFFD and
// advances one byte, so decoding always makes progress.
char32_t next_code_point(std::string_view s, std::size_t& i) {
    auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    unsigned char b0 = byte(i);
    if (b0 < 0x80) {
        ++i;
        return b0;
    }
    int extra = 0;
    char32_t cp = 0, min = 0;
    if ((b0 & 0xE0) == 0xC0) extra = 1, cp = b0 & 0x1F, min = 0x80;
    else if ((b0 & 0xF0) == 0xE0) extra = 2, cp = b0 & 0x0F, min = 0x800;
    else if ((b0 & 0xF8) == 0xF0) extra = 3, cp = b0 & 0x07, min = 0x10000;
    else {
        ++i;
        return kReplacement;
    }
    for (int k = 1; k <= extra; ++k) {
        if (i + k >= s.size() || (byte(i + k) & 0xC0) != 0x80) {
            ++i;
            return kReplacement;
        }
        cp = (cp << 6) | (byte(i + k) & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        ++i;
        return kReplacement;
    }
    i += extra + 1;
    return cp;
}


std::vector<char32_t> decode(std::string_view s) {
    std::vector<char32_t> out;
    for (std::size_t i = 0; i < s.size();) out.push_back(next_code_point(s, i));
    return out;
}

std::string encode(const std::vector<char32_t>& cps, std::size_t from, std::size_t to) {
    std::string out;
    for (std::size_t k = from; k < to && k < cps.size(); ++k) append_utf8(out, cps[k]);
    return out;
}

bool is_space(char32_t c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

std::string quoted(std::string_view s) { return "\"" + dot_escape(s) + "\""; }

std::string first_line(const Node& node) {
    if (node.say.empty()) return node.note.empty() ? "" : "(" + node.note + ")";
    return node.say.front().text;
}

double total(const CompetencyArray& a) {
    double t = 0;
    for (double v : a) t += v;
    return t;
}

void write_legend(std::string& out) {
    out += "  legend [shape=plaintext, fontsize=10, label=<<table border=\"0\" cellborder=\"0\" cellspacing=\"2\">\n";
    out += "    <tr><td colspan=\"2\"><b>Legend</b></td></tr>\n";
    out += "    <tr><td colspan=\"2\" align=\"left\"><i>Choices, by the competency they weigh on most</i></td></tr>\n";
    for (int c = 0; c < kCompetencyCount; ++c) {
        auto comp = static_cast<Competency>(c);
        out += std::string("    <tr><td bgcolor=\"") + competency_colour(comp) + "\" width=\"24\"></td><td align=\"left\">" +
               competency_label(comp) + "</td></tr>\n";
    }
    out += "    <tr><td bgcolor=\"#888888\" width=\"24\"></td><td align=\"left\">No tags</td></tr>\n";
    out += "    <tr><td colspan=\"2\" align=\"left\">Dashed: the move costs points</td></tr>\n";
    out += "    <tr><td colspan=\"2\" align=\"left\">Dotted: timer runs out, mood routes</td></tr>\n";
    out += "    <tr><td colspan=\"2\" align=\"left\"><i>Endings</i></td></tr>\n";
    for (EndingType t : {EndingType::Recovered, EndingType::Escalated, EndingType::Parted, EndingType::Lost})
        out += std::string("    <tr><td bgcolor=\"") + ending_colour(t) + "\" width=\"24\" border=\"1\"></td><td align=\"left\">" +
               ending_type_key(t) + "</td></tr>\n";
    out += "  </table>>];\n";
}

std::string choice_edge(const std::string& from, const Choice& c, const DotOptions& opt, bool timeout) {
    CompetencyArray pts = choice_points(c, opt.tag_points);
    auto dominant = dominant_competency(pts);
    std::string colour = dominant ? competency_colour(*dominant) : "#888888";
    std::string label = shorten_text(c.text, opt.choice_chars);
    if (timeout) label = label.empty() ? "(timer runs out)" : "(timer runs out) " + label;
    std::string style = timeout ? "dotted" : (total(pts) < 0 ? "dashed" : "solid");
    std::string tooltip = c.id;
    for (const auto& t : c.tags) tooltip += " " + t;
    return "  " + quoted(from) + " -> " + quoted(c.next) + " [label=" + quoted(wrap_text(label, opt.wrap_chars)) +
           ", color=\"" + colour + "\", fontcolor=\"" + colour + "\", style=" + style +
           ", tooltip=" + quoted(tooltip) + "];\n";
}

}  // namespace

std::string utf8_sanitize(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) append_utf8(out, next_code_point(text, i));
    return out;
}

std::string shorten_text(std::string_view text, std::size_t max_chars) {
    std::vector<char32_t> collapsed;
    for (char32_t c : decode(text)) {
        if (is_space(c)) {
            if (!collapsed.empty() && collapsed.back() != ' ') collapsed.push_back(' ');
        } else {
            collapsed.push_back(c);
        }
    }
    while (!collapsed.empty() && collapsed.back() == ' ') collapsed.pop_back();
    if (collapsed.size() <= max_chars) return encode(collapsed, 0, collapsed.size());
    if (max_chars == 0) return "";
    std::size_t keep = max_chars - 1;
    // Prefer to cut at a word boundary when one is near the end.
    for (std::size_t k = keep; k > keep * 2 / 3; --k)
        if (collapsed[k] == ' ') {
            keep = k;
            break;
        }
    while (keep > 0 && collapsed[keep - 1] == ' ') --keep;
    return encode(collapsed, 0, keep) + "\u2026";
}

std::string wrap_text(std::string_view text, std::size_t width) {
    std::vector<char32_t> cps = decode(text);
    std::string out;
    std::size_t line_len = 0, i = 0;
    while (i < cps.size()) {
        std::size_t j = i;
        while (j < cps.size() && cps[j] != ' ') ++j;
        std::size_t word = j - i;
        if (line_len > 0 && width > 0 && line_len + 1 + word > width) {
            out += '\n';
            line_len = 0;
        } else if (line_len > 0) {
            out += ' ';
            ++line_len;
        }
        out += encode(cps, i, j);
        line_len += word;
        i = j;
        while (i < cps.size() && cps[i] == ' ') ++i;
    }
    return out;
}

std::string dot_escape(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        char32_t c = next_code_point(text, i);
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\t': out += ' '; break;
            default:
                if (c < 0x20 || c == 0x7F) break;  // other control characters carry no meaning here
                append_utf8(out, c);
        }
    }
    return out;
}

CompetencyArray choice_points(const Choice& choice, const TagPoints& tag_points) {
    CompetencyArray sum = choice.points;
    for (const auto& tag : choice.tags) {
        auto it = tag_points.find(tag);
        if (it == tag_points.end()) continue;
        for (int c = 0; c < kCompetencyCount; ++c) sum[c] += it->second[c];
    }
    return sum;
}

std::optional<Competency> dominant_competency(const CompetencyArray& points) {
    int best = -1;
    for (int c = 0; c < kCompetencyCount; ++c)
        if (points[c] != 0 && (best < 0 || std::fabs(points[c]) > std::fabs(points[best]))) best = c;
    if (best < 0) return std::nullopt;
    return static_cast<Competency>(best);
}

const char* competency_colour(Competency c) {
    static constexpr const char* kColours[kCompetencyCount] = {"#1f6fb4", "#8e44ad", "#2e8b3a", "#d9780f", "#138d90"};
    return kColours[static_cast<int>(c)];
}

const char* ending_colour(EndingType t) {
    switch (t) {
        case EndingType::Recovered: return "#b8e6c1";
        case EndingType::Escalated: return "#c4dcf7";
        case EndingType::Parted: return "#f3e3a6";
        case EndingType::Lost: return "#f4b6b0";
    }
    return "#dddddd";
}

std::string scenario_to_dot(const Scenario& s, const DotOptions& opt) {
    std::string out = "digraph " + quoted(s.id.empty() ? "scenario" : s.id) + " {\n";
    std::string title = s.title.empty() ? s.id : s.title;
    out += "  graph [charset=\"UTF-8\", rankdir=TB, labelloc=t, fontsize=16, fontname=\"Helvetica\", label=" +
           quoted(title) + "];\n";
    out += "  node [shape=box, style=\"rounded,filled\", fillcolor=\"#ffffff\", fontname=\"Helvetica\", fontsize=11];\n";
    out += "  edge [fontname=\"Helvetica\", fontsize=9, arrowsize=0.7];\n\n";

    for (const Node& n : s.nodes) {
        std::string label = n.id;
        std::string line = shorten_text(first_line(n), opt.line_chars);
        if (!line.empty()) label += "\n" + wrap_text(line, opt.wrap_chars + 8);
        if (n.timer_seconds > 0) label += "\n[" + std::to_string(n.timer_seconds) + " s timer]";
        out += "  " + quoted(n.id) + " [label=" + quoted(label);
        if (n.id == s.start) out += ", penwidth=2.5, peripheries=2";
        out += "];\n";
    }
    out += "\n";
    for (const Ending& e : s.endings) {
        std::string label = (e.title.empty() ? e.id : shorten_text(e.title, opt.line_chars)) + "\n(" +
                            ending_type_key(e.type) + ")";
        out += "  " + quoted(e.id) + " [shape=box, style=\"filled\", fillcolor=\"" + ending_colour(e.type) +
               "\", label=" + quoted(label) + "];\n";
    }
    if (!s.endings.empty()) {
        out += "  { rank=sink;";
        for (const Ending& e : s.endings) out += " " + quoted(e.id) + ";";
        out += " }\n";
    }
    out += "\n";

    for (const Node& n : s.nodes) {
        for (const Choice& c : n.choices) out += choice_edge(n.id, c, opt, false);
        if (n.on_timeout) out += choice_edge(n.id, *n.on_timeout, opt, true);
        for (const MoodRoute& r : n.mood_routes) {
            std::string cond;
            if (r.below) cond = "mood < " + std::to_string(*r.below);
            if (r.above) cond += (cond.empty() ? "" : ", ") + std::string("mood > ") + std::to_string(*r.above);
            out += "  " + quoted(n.id) + " -> " + quoted(r.next) + " [label=" + quoted(cond) +
                   ", style=dotted, color=\"#666666\", fontcolor=\"#666666\"];\n";
        }
    }
    if (s.customer.patience > 0 && !s.customer.walkout.empty()) {
        out += "  \"__patience__\" [shape=plaintext, style=\"\", label=" +
               quoted("patience spent\n(" + std::to_string(s.customer.patience) + " poor replies)") + "];\n";
        out += "  \"__patience__\" -> " + quoted(s.customer.walkout) + " [style=dotted, color=\"#666666\"];\n";
    }
    if (opt.legend) {
        out += "\n";
        write_legend(out);
    }
    out += "}\n";
    return out;
}

}  // namespace ta
