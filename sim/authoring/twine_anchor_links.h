// twine_anchor_links.h: links written as HTML inside a passage, <a data-passage="Target">Text</a>,
// which SugarCube and Snowman follow like [[Text->Target]].
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ta {

struct AnchorLink {
    std::string text;    // the words between the tags (entities decoded, tags inside dropped)
    std::string target;  // the data-passage attribute
    std::size_t begin = 0, end = 0;  // where the anchor stands on the line, "<a" to past "</a>"
};

// Every <a ... data-passage="..."> ... </a> on the line, in order; anchors without the attribute
// (web links) are not passage links and are left out. Linear in the line.
std::vector<AnchorLink> anchor_links(std::string_view line);

}  // namespace ta
