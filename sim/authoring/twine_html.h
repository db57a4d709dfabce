// twine_html.h: reads the stories out of a Twine 2 HTML file, published or archived.
//
// A published story (Build > Publish to File) holds one <tw-storydata> among the story format's
// own scripts; an archive (Library > Archive) holds one per story. Each <tw-passagedata> gives a
// passage: its name, tags and text (HTML entities decoded), with the line it starts on, so that
// the import's report can point into the file the trainer has. Nothing here knows of scenarios.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ta {

struct TwineHtmlPassage {
    std::string pid;
    std::string name;
    std::vector<std::string> tags;
    std::string text;   // decoded
    int line = 0;       // of the <tw-passagedata> tag (1-based)
    int text_line = 0;  // of the first character of its text
};

struct TwineHtmlStory {
    std::string name;
    std::string format;     // e.g. "Harlowe"
    std::string startnode;  // pid of the start passage ("" when not given)
    int line = 0;           // of the <tw-storydata> tag
    std::vector<TwineHtmlPassage> passages;
};

// Whether the text is Twine 2 HTML (holds a <tw-storydata> element) rather than Twee.
bool looks_like_twine_html(std::string_view text);

// Every <tw-storydata> in the file, in order; scripts and styles around them are skipped, so a
// format's code that mentions the element is never read as a story. Linear in the input.
std::vector<TwineHtmlStory> parse_twine_html(std::string_view html);

// &amp; &lt; &gt; &quot; &#39; &apos; &nbsp; and numeric references (&#NNN; &#xHH;) decoded;
// anything else is kept as written. Invalid code points become U+FFFD.
std::string decode_html_entities(std::string_view text);

}  // namespace ta
