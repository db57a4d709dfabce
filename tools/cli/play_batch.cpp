// play --batch: each line of a file is one scripted playthrough, played by the same code as
// `play --choices` (converse, debrief_json in play_script.h), one line of JSON out per line in.
#include "play_batch.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "command.h"
#include "json_escape.h"
#include "play_script.h"

namespace ta::cli {

BatchLine read_batch_line(std::string text) {
    BatchLine line;
    if (!text.empty() && text.back() == '\r') text.pop_back();  // a file written on Windows
    const std::size_t hash = text.find('#');                       // no choice item holds a '#'
    if (hash != std::string::npos) text.erase(hash);
    const std::size_t b = text.find_first_not_of(" \t");
    if (b == std::string::npos) {
        line.skip = true;
        return line;
    }
    text = text.substr(b, text.find_last_not_of(" \t") + 1 - b);
    if (text.rfind("seed=", 0) == 0) {
        const std::size_t end = text.find_first_of(" \t");
        const std::string value = text.substr(5, end == std::string::npos ? std::string::npos : end - 5);
        line.seed = parse_seed(value);
        if (!line.seed) {
            line.error = "seed=" + value + " is not a seed: give a whole number from 0 to 18446744073709551615";
            return line;
        }
        const std::size_t list = end == std::string::npos ? std::string::npos : text.find_first_not_of(" \t", end);
        text = list == std::string::npos ? "" : text.substr(list);
    }
    if (!text.empty()) line.choices = split_commas(text);
    return line;
}

std::string one_line_json(const std::string& json) {
    std::string out;
    out.reserve(json.size());
    bool in_string = false;
    for (std::size_t i = 0; i < json.size(); ++i) {
        const char c = json[i];
        if (in_string) {
            out += c;
            if (c == '\\' && i + 1 < json.size()) out += json[++i];  // an escaped quote stays inside
            else if (c == '"') in_string = false;
        } else if (c == '"') {
            in_string = true;
            out += c;
        } else if (c != ' ' && c != '\n' && c != '\t' && c != '\r') {
            out += c;
        }
    }
    return out;
}

namespace {

// `{"line":N,` + extra fields + the rest of `object` (a one-line JSON object, or "{}").
std::string with_line(int line_no, const std::string& extra, const std::string& object) {
    std::string head = "{\"line\":" + std::to_string(line_no) + (extra.empty() ? "" : "," + extra);
    const std::string rest = object.size() > 2 ? object.substr(1) : "}";
    return head + (rest == "}" ? "" : ",") + rest;
}

std::string error_fields(const std::string& message, std::size_t item) {
    return (item ? "\"item\":" + std::to_string(item) + "," : std::string()) + "\"error\":" + json_quote(message);
}

// One line of the batch, played: its JSON line; `ok` is cleared when it did not reach an ending.
std::string play_line(const Scenario& sc, const BatchLine& line, int line_no,
                      const std::optional<std::uint64_t>& default_seed, bool& ok) {
    const std::string where = "line " + std::to_string(line_no);
    if (!line.error.empty()) {
        ok = false;
        return with_line(line_no, error_fields(where + ": " + line.error, 0), "{}");
    }
    Session session(sc, line.seed ? line.seed : default_seed);
    const Conversation c = converse(session, &line.choices, false, nullptr);
    if (c.not_offered) {  // as `play --choices` there is no debrief: the list does not fit the scenario
        ok = false;
        const NotOffered& n = *c.not_offered;
        return with_line(line_no,
                         error_fields(where + ", item " + std::to_string(n.item) + " ('" + n.answer +
                                          "'): not offered at node '" + n.node + "'; " + n.hint,
                                      n.item),
                         "{}");
    }
    const std::string debrief = one_line_json(debrief_json(session));
    if (!c.abandoned) {
        warn_unused_choices(line.choices, c.script_used, session.turns().size(), "play: " + where + ": ");
        return with_line(line_no, "", debrief);
    }
    // Abandoned: the debrief `play --json` prints too, and what stopped it.
    ok = false;
    std::string why = c.abandon_reason;
    if (c.script_used >= line.choices.size() && session.current_node())
        why = "the list ran out before an ending, after " + std::to_string(c.script_used) + " item" +
              (c.script_used == 1 ? "" : "s") + ", at node '" + session.current_node()->id + "'";
    return with_line(line_no, error_fields(where + ", item " + std::to_string(c.script_used + 1) + ": " + why,
                                           c.script_used + 1),
                     debrief);
}

}  // namespace

int play_batch(const Scenario& sc, const std::string& file, const std::optional<std::uint64_t>& default_seed) {
    std::ifstream opened;
    if (file != "-") {
        opened.open(file, std::ios::binary);
        std::error_code ec;
        if (!opened || std::filesystem::is_directory(file, ec)) {
            std::cerr << "play: cannot read " << file << ": " << (opened ? "it is a folder" : std::strerror(errno)) << '\n';
            return kExitUsage;
        }
    }
    std::istream& in = file == "-" ? std::cin : opened;
    std::string text;
    int line_no = 0, played = 0, failed = 0;
    while (std::getline(in, text)) {
        ++line_no;
        if (line_no == 1 && text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);  // a byte-order mark
        const BatchLine line = read_batch_line(text);
        if (line.skip) continue;
        bool ok = true;
        std::cout << play_line(sc, line, line_no, default_seed, ok) << '\n' << std::flush;
        ++played;
        failed += !ok;
    }
    if (in.bad()) {
        std::cerr << "play: reading " << file << " failed after line " << line_no << '\n';
        return kExitUsage;
    }
    std::cerr << "play: " << played << (played == 1 ? " playthrough, " : " playthroughs, ") << failed
              << " did not reach an ending\n";
    return failed ? kExitFailed : kExitOk;
}

}  // namespace ta::cli
