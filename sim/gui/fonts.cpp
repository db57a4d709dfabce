#include "fonts.h"

#include <cstdio>
#include <filesystem>

namespace ta::gui {

namespace {

const char* kRegularCandidates[] = {
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
};
const char* kBoldCandidates[] = {
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf",
};

const char* kMonoCandidates[] = {
    "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf",
    "/usr/share/fonts/TTF/DejaVuSansMono.ttf",
    "/usr/share/fonts/dejavu/DejaVuSansMono.ttf",
};

// Inclusive pairs, zero-terminated; must outlive the atlas.
const ImWchar kRanges[] = {
    0x0020, 0x00FF,  // Basic Latin + Latin-1 Supplement
    0x0100, 0x017F,  // Latin Extended-A
    0x2000, 0x206F,  // General Punctuation: dashes, curly quotes, ellipsis, bullet
    0x20A0, 0x20CF,  // Currency symbols: euro, pound sign variants
    0x2190, 0x2193,  // arrows
    0x2212, 0x2212,  // minus sign
    0x25A0, 0x25CF,  // geometric shapes (used for markers)
    0x2713, 0x2717,  // check and cross marks
    0,
};

std::string first_existing(const char* const* list, size_t n) {
    for (size_t i = 0; i < n; ++i) {
        std::error_code ec;
        if (std::filesystem::is_regular_file(list[i], ec)) return list[i];
    }
    return {};
}

}  // namespace

std::string font_search_note() { return kRegularCandidates[0]; }

Fonts load_fonts(float pixel_size) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    Fonts f;
    f.body_size = pixel_size;
    std::string regular = first_existing(kRegularCandidates, std::size(kRegularCandidates));
    std::string bold = first_existing(kBoldCandidates, std::size(kBoldCandidates));
    if (bold.empty()) bold = regular;

    ImFontConfig cfg;
    cfg.OversampleH = 2;
    cfg.OversampleV = 1;
    cfg.PixelSnapH = true;
    if (!regular.empty()) {
        f.body = io.Fonts->AddFontFromFileTTF(regular.c_str(), pixel_size, &cfg, kRanges);
        f.bold = io.Fonts->AddFontFromFileTTF(bold.c_str(), pixel_size, &cfg, kRanges);
        f.title = io.Fonts->AddFontFromFileTTF(bold.c_str(), pixel_size * 1.3f, &cfg, kRanges);
        f.huge = io.Fonts->AddFontFromFileTTF(bold.c_str(), pixel_size * 2.6f, &cfg, kRanges);
        const std::string mono = first_existing(kMonoCandidates, std::size(kMonoCandidates));
        if (!mono.empty()) f.mono = io.Fonts->AddFontFromFileTTF(mono.c_str(), pixel_size * 0.95f, &cfg, kRanges);
    }
    if (!f.body || !f.bold || !f.title || !f.huge) {
        std::fprintf(stderr,
                     "turnaround: DejaVu Sans not found (looked for %s); using the built-in font, "
                     "so some punctuation may show as '?'. Install fonts-dejavu-core.\n",
                     kRegularCandidates[0]);
        io.Fonts->Clear();
        ImFontConfig def;
        def.SizePixels = pixel_size;
        f.body = io.Fonts->AddFontDefault(&def);
        f.bold = f.title = f.huge = f.body;
        f.real_font = false;
    } else {
        f.real_font = true;
    }
    if (!f.mono) f.mono = f.body;
    io.FontDefault = f.body;
    return f;
}

}  // namespace ta::gui
