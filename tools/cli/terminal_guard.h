// terminal_guard.h: scenario text printed by a command never drives the terminal.
//
// lint refuses control characters in a scenario's text, but a command that prints text (play)
// must not rely on that: while a TerminalGuard lives, every control character written to
// std::cout or std::cerr (C0 other than tab and line feed, DEL, C1) comes out as U+FFFD instead,
// so no escape sequence can retitle, clear or recolour the trainee's terminal.
#pragma once

#include <streambuf>

namespace ta::cli {

class ControlFilterBuf : public std::streambuf {
public:
    explicit ControlFilterBuf(std::streambuf* out) : out_(out) {}
    ~ControlFilterBuf() override;

protected:
    int overflow(int ch) override;
    // Runs of plain bytes go out in one call; a debrief can be megabytes, and byte by byte is slow.
    std::streamsize xsputn(const char* s, std::streamsize n) override;
    int sync() override;

private:
    int replacement();
    std::streambuf* out_;
    bool pending_c2_ = false;  // a 0xC2 byte waits to see whether a C1 control follows
};

class TerminalGuard {
public:
    TerminalGuard();
    ~TerminalGuard();
    TerminalGuard(const TerminalGuard&) = delete;
    TerminalGuard& operator=(const TerminalGuard&) = delete;

private:
    ControlFilterBuf out_, err_;
    std::streambuf* saved_out_;
    std::streambuf* saved_err_;
};

}  // namespace ta::cli
