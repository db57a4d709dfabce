#include "terminal_guard.h"

#include <iostream>

namespace ta::cli {

ControlFilterBuf::~ControlFilterBuf() {
    if (pending_c2_) out_->sputc('\xC2');
    out_->pubsync();
}

int ControlFilterBuf::replacement() {
    return out_->sputn("\xEF\xBF\xBD", 3) == 3 ? 0 : traits_type::eof();  // U+FFFD
}

int ControlFilterBuf::overflow(int ch) {
    if (traits_type::eq_int_type(ch, traits_type::eof())) return traits_type::not_eof(ch);
    const auto b = static_cast<unsigned char>(ch);
    if (pending_c2_) {
        pending_c2_ = false;
        if (b >= 0x80 && b <= 0x9F) return replacement() == 0 ? ch : traits_type::eof();  // U+0080..U+009F
        if (out_->sputc('\xC2') == traits_type::eof()) return traits_type::eof();
    }
    if (b == 0xC2) {
        pending_c2_ = true;
        return ch;
    }
    if ((b < 0x20 && b != '\n' && b != '\t') || b == 0x7F) return replacement() == 0 ? ch : traits_type::eof();
    return out_->sputc(static_cast<char>(b)) == traits_type::eof() ? traits_type::eof() : ch;
}

std::streamsize ControlFilterBuf::xsputn(const char* s, std::streamsize n) {
    std::streamsize done = 0;
    while (done < n) {
        if (pending_c2_) {  // the byte after a 0xC2 decides; overflow knows how
            if (traits_type::eq_int_type(overflow(traits_type::to_int_type(s[done])), traits_type::eof())) return done;
            ++done;
            continue;
        }
        std::streamsize run = done;  // bytes that pass unchanged: not a control, not 0xC2
        while (run < n) {
            const auto b = static_cast<unsigned char>(s[run]);
            if ((b < 0x20 && b != '\n' && b != '\t') || b == 0x7F || b == 0xC2) break;
            ++run;
        }
        if (run > done) {
            const std::streamsize put = out_->sputn(s + done, run - done);
            done += put;
            if (done < run) return done;
        }
        if (done < n) {
            if (traits_type::eq_int_type(overflow(traits_type::to_int_type(s[done])), traits_type::eof())) return done;
            ++done;
        }
    }
    return done;
}

int ControlFilterBuf::sync() { return out_->pubsync(); }

TerminalGuard::TerminalGuard()
    : out_(std::cout.rdbuf()), err_(std::cerr.rdbuf()), saved_out_(std::cout.rdbuf()), saved_err_(std::cerr.rdbuf()) {
    std::cout.rdbuf(&out_);
    std::cerr.rdbuf(&err_);
}

TerminalGuard::~TerminalGuard() {
    std::cout.flush();
    std::cerr.flush();
    std::cout.rdbuf(saved_out_);
    std::cerr.rdbuf(saved_err_);
}

}  // namespace ta::cli
