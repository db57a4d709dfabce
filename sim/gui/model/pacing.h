// pacing.h: clock maths for the conversation screen: how fast the customer's lines appear, and
// the per-node response timer. GUI-free and clock-free (callers pass `now` in seconds), so it is
// unit-tested without waiting, and so the window knows exactly when it next needs a frame.
#pragma once

#include <cstddef>
#include <limits>
#include <vector>

namespace ta::gui {

inline constexpr double kNever = std::numeric_limits<double>::infinity();

// Reveals transcript entries one at a time. Each entry has a duration (0 = shown at once, e.g. the
// trainee's own words); an entry becomes visible when its duration has elapsed after the previous.
class RevealPacer {
public:
    // Seconds a customer line of `chars` characters takes to "type" at `chars_per_second`
    // (a short pause plus reading time, capped so a long line never stalls the trainee).
    static double line_duration(std::size_t chars, double chars_per_second);

    void append(double duration, double now);  // queue one more entry
    void update(double now);                   // reveals entries whose time has come
    void skip();                               // shows everything queued at once
    void reset();                              // forgets everything (new conversation)
    void postpone(double seconds);             // the line being typed resumes where it was paused

    std::size_t shown() const { return shown_; }   // entries visible now (after update())
    std::size_t total() const { return durations_.size(); }
    bool busy() const { return shown_ < durations_.size(); }
    // Seconds from `now` until the next entry appears; kNever when nothing is pending.
    double seconds_to_next_step(double now) const;
    // 0..1 progress of the entry being "typed" (for the typing indicator); 1 when idle.
    double step_progress(double now) const;

private:
    std::vector<double> durations_;
    std::size_t shown_ = 0;
    double step_started_ = 0;  // when the first pending entry began
};

// A countdown for one node. Inactive until started.
class ResponseTimer {
public:
    void start(double now, double seconds);
    void stop() { active_ = false; }
    bool active() const { return active_; }
    double remaining(double now) const;       // seconds left, >= 0
    double fraction_left(double now) const;   // 1 at start .. 0 at expiry
    bool expired(double now) const { return active_ && remaining(now) <= 0; }
    void postpone(double seconds) { started_ += seconds; }  // the time away does not count
    // Seconds until the display must change (the next redraw step, or expiry); kNever if inactive.
    double seconds_to_next_redraw(double now, double redraw_step) const;

private:
    bool active_ = false;
    double started_ = 0;
    double seconds_ = 0;
};

// The conversation's clock stopped while the trainer looks elsewhere (the Author screen): the
// response timer, the customer's typing and the time a decision took all resume where they were.
class ClockPause {
public:
    void pause(double now);
    // Seconds the clock stood still (0 when it was running); the caller postpones its countdowns.
    double resume(double now);
    bool paused() const { return paused_; }

private:
    bool paused_ = false;
    double since_ = 0;
};

}  // namespace ta::gui
