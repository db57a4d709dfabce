#include "pacing.h"

#include <algorithm>
#include <cmath>

namespace ta::gui {

double RevealPacer::line_duration(std::size_t chars, double chars_per_second) {
    if (!(chars_per_second > 0)) return 0;
    // A beat before speaking, then reading time; at most 6 s so a speech never blocks for long.
    return std::min(0.45 + static_cast<double>(chars) / chars_per_second, 6.0);
}

void RevealPacer::append(double duration, double now) {
    if (!busy()) step_started_ = now;
    durations_.push_back(std::max(0.0, duration));
    update(now);
}

void RevealPacer::update(double now) {
    while (shown_ < durations_.size() && now >= step_started_ + durations_[shown_]) {
        step_started_ += durations_[shown_];
        ++shown_;
    }
    // Once idle, the next append starts its own clock.
    if (!busy()) step_started_ = now;
}

void RevealPacer::skip() { shown_ = durations_.size(); }

void RevealPacer::postpone(double seconds) { step_started_ += seconds; }

void RevealPacer::reset() {
    durations_.clear();
    shown_ = 0;
    step_started_ = 0;
}

double RevealPacer::seconds_to_next_step(double now) const {
    if (!busy()) return kNever;
    return std::max(0.0, step_started_ + durations_[shown_] - now);
}

double RevealPacer::step_progress(double now) const {
    if (!busy()) return 1.0;
    double d = durations_[shown_];
    if (d <= 0) return 1.0;
    return std::clamp((now - step_started_) / d, 0.0, 1.0);
}

void ResponseTimer::start(double now, double seconds) {
    active_ = seconds > 0;
    started_ = now;
    seconds_ = seconds;
}

double ResponseTimer::remaining(double now) const {
    if (!active_) return 0;
    return std::max(0.0, started_ + seconds_ - now);
}

double ResponseTimer::fraction_left(double now) const {
    if (!active_ || seconds_ <= 0) return 0;
    return remaining(now) / seconds_;
}

double ResponseTimer::seconds_to_next_redraw(double now, double redraw_step) const {
    if (!active_) return kNever;
    double left = remaining(now);
    if (left <= 0) return 0;
    return std::min(left, std::max(redraw_step, 0.001));
}

void ClockPause::pause(double now) {
    if (paused_) return;
    paused_ = true;
    since_ = now;
}

double ClockPause::resume(double now) {
    if (!paused_) return 0;
    paused_ = false;
    return std::max(0.0, now - since_);
}

}  // namespace ta::gui
