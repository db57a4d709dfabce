#include "qr_code.h"

#include <qrencode.h>

namespace ta::room {

QrCode make_qr(const std::string& text) {
    QrCode out;
    QRcode* q = QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (!q) return out;
    out.size = q->width;
    out.dark.resize(static_cast<std::size_t>(q->width * q->width));
    for (std::size_t i = 0; i < out.dark.size(); ++i) out.dark[i] = q->data[i] & 1u;  // bit 0: dark
    QRcode_free(q);
    return out;
}

std::string qr_to_text(const QrCode& qr) {
    const int quiet = 2, n = qr.size + 2 * quiet;
    auto dark = [&](int x, int y) {
        x -= quiet, y -= quiet;
        return x >= 0 && y >= 0 && x < qr.size && y < qr.size && qr.at(x, y);
    };
    // Light modules are drawn as full blocks, so the code reads on a dark terminal.
    std::string out;
    for (int y = 0; y < n; y += 2) {
        for (int x = 0; x < n; ++x) {
            bool top = !dark(x, y), bottom = y + 1 < n ? !dark(x, y + 1) : false;
            out += top && bottom ? "\u2588" : top ? "\u2580" : bottom ? "\u2584" : " ";
        }
        out += '\n';
    }
    return out;
}

}  // namespace ta::room
