#include "twine_anchor_links.h"

#include <cctype>

#include "twine_html.h"
#include "twine_text.h"

namespace ta {
namespace {

bool anchor_open_at(std::string_view s, std::size_t i) {
    return i + 2 < s.size() && s[i] == '<' && (s[i + 1] == 'a' || s[i + 1] == 'A') &&
           std::isspace(static_cast<unsigned char>(s[i + 2]));
}

// The value of `name="..."` (or '...') inside a tag; "" when absent.
std::string attribute(std::string_view tag, std::string_view name) {
    for (std::size_t at = tag.find(name); at != std::string_view::npos; at = tag.find(name, at + 1)) {
        std::size_t k = at + name.size();
        if (at > 0 && !std::isspace(static_cast<unsigned char>(tag[at - 1]))) continue;
        while (k < tag.size() && tag[k] == ' ') ++k;
        if (k >= tag.size() || tag[k] != '=') continue;
        ++k;
        while (k < tag.size() && tag[k] == ' ') ++k;
        if (k >= tag.size() || (tag[k] != '"' && tag[k] != '\'')) continue;
        const char q = tag[k];
        std::size_t end = tag.find(q, k + 1);
        if (end == std::string_view::npos) return "";
        return std::string(tag.substr(k + 1, end - k - 1));
    }
    return "";
}

}  // namespace

std::vector<AnchorLink> anchor_links(std::string_view line) {
    std::vector<AnchorLink> out;
    std::size_t i = 0;
    while ((i = line.find('<', i)) != std::string_view::npos) {
        if (!anchor_open_at(line, i)) {
            ++i;
            continue;
        }
        const std::size_t tag_end = line.find('>', i);
        if (tag_end == std::string_view::npos) break;
        const std::string target = decode_html_entities(attribute(line.substr(i, tag_end - i), "data-passage"));
        std::size_t close = line.find("</a>", tag_end);
        if (close == std::string_view::npos) close = line.find("</A>", tag_end);
        const std::size_t text_end = close == std::string_view::npos ? line.size() : close;
        std::string text;  // the words, without tags inside the anchor
        if (!target.empty()) {
            bool in_tag = false;
            for (std::size_t k = tag_end + 1; k < text_end; ++k) {
                if (line[k] == '<') in_tag = true;
                else if (line[k] == '>') in_tag = false;
                else if (!in_tag) text += line[k];
            }
            text = twine_text::trim(decode_html_entities(text));
        }
        const std::size_t after = close == std::string_view::npos ? line.size() : close + 4;
        if (!target.empty()) out.push_back({text.empty() ? target : text, target, i, after});
        i = after;
    }
    return out;
}

}  // namespace ta
