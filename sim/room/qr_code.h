// qr_code.h: a QR code as a square of modules (libqrencode), for the projector and the terminal.
#pragma once

#include <string>
#include <vector>

namespace ta::room {

struct QrCode {
    int size = 0;                     // modules per side; 0 when encoding failed
    std::vector<unsigned char> dark;  // size*size, row by row: 1 = dark module
    bool at(int x, int y) const { return dark[static_cast<std::size_t>(y * size + x)] != 0; }
};

QrCode make_qr(const std::string& text);
// The code drawn with Unicode half blocks, two rows a line, with a quiet zone: scannable from a terminal.
std::string qr_to_text(const QrCode& qr);

}  // namespace ta::room
