// channel_view.cpp: see channel_view.h.
#include "channel_view.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace ta::gui {

using Speaker = TranscriptEntry::Speaker;

std::vector<ChannelMessage> group_messages(const Scenario& scenario, const std::vector<TranscriptEntry>& transcript,
                                           std::size_t shown) {
    std::vector<ChannelMessage> out;
    shown = std::min(shown, transcript.size());
    for (std::size_t i = 0; i < shown; ++i) {
        const TranscriptEntry& e = transcript[i];
        bool continues = !out.empty() && out.back().speaker == e.speaker && out.back().node_id == e.node_id &&
                         e.speaker != Speaker::Narrator && transcript[i - 1].speaker == e.speaker;
        if (!continues) {
            ChannelMessage m;
            m.speaker = e.speaker;
            m.node_id = e.node_id;
            m.channel = channel_of_entry(scenario, e);
            m.minute = entry_minute(transcript, i);
            m.first = i;
            out.push_back(std::move(m));
        }
        out.back().lines.push_back(e.text);
        out.back().emotion = e.emotion;
    }
    if (!out.empty() && shown < transcript.size()) {
        const TranscriptEntry& next = transcript[shown];
        const ChannelMessage& last = out.back();
        if (next.speaker == last.speaker && next.node_id == last.node_id && next.speaker != Speaker::Narrator)
            out.back().complete = false;
    }
    return out;
}

Channel visible_channel(const Session& session, std::size_t shown) {
    const Scenario& sc = session.scenario();
    const auto& t = session.transcript();
    shown = std::min(shown, t.size());
    // The next line to appear, skipping the trainee's own words (they show at once).
    for (std::size_t i = shown; i < t.size(); ++i)
        if (t[i].speaker == Speaker::Customer) return channel_of_entry(sc, t[i]);
    if (const Node* n = session.current_node()) return sc.channel_of(*n);
    for (std::size_t i = shown; i-- > 0;)
        if (t[i].speaker != Speaker::Narrator) return channel_of_entry(sc, t[i]);
    return sc.channel;
}

std::string call_timer_text(double seconds) {
    long s = seconds > 0 ? static_cast<long>(std::floor(seconds)) : 0;
    char buf[24];
    if (s >= 3600) std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
    else std::snprintf(buf, sizeof buf, "%02ld:%02ld", s / 60, s % 60);
    return buf;
}

std::string reply_subject(const std::string& subject) {
    if (subject.empty()) return "Re: your message";
    if (subject.size() >= 3 && (subject[0] == 'R' || subject[0] == 'r') && (subject[1] == 'E' || subject[1] == 'e') &&
        subject[2] == ':')
        return subject;
    return "Re: " + subject;
}

std::string stars_text(int stars) {
    stars = std::clamp(stars, 0, 5);
    std::string out;
    for (int i = 0; i < 5; ++i) out += i < stars ? "\u2605" : "\u2606";
    return out;
}

std::string stars_label(int stars) {
    stars = std::clamp(stars, 0, 5);
    return std::to_string(stars) + (stars == 1 ? " star" : " stars");
}

std::string first_name(const std::string& name) {
    std::size_t b = name.find_first_not_of(' ');
    if (b == std::string::npos) return "";
    std::size_t e = name.find(' ', b);
    return name.substr(b, e == std::string::npos ? std::string::npos : e - b);
}

std::string typing_text(const std::string& customer_name) {
    std::string first = first_name(customer_name);
    return (first.empty() ? std::string("The customer") : first) + " is typing";
}

std::array<std::array<float, 2>, 10> star_outline(float cx, float cy, float outer, float inner) {
    std::array<std::array<float, 2>, 10> pts{};
    const float pi = 3.14159265358979f;
    for (int i = 0; i < 10; ++i) {
        float r = i % 2 == 0 ? outer : inner;
        float a = -pi / 2 + i * pi / 5;  // start straight up, a tenth of a turn per point
        pts[i] = {cx + r * std::cos(a), cy + r * std::sin(a)};
    }
    return pts;
}

}  // namespace ta::gui

namespace ta::gui {

std::string quote_attribution(const ChannelMessage& m, const std::string& customer_name, int stars) {
    bool you = m.speaker == Speaker::Trainee;
    std::string who = you ? "you" : (customer_name.empty() ? "the customer" : customer_name);
    std::string at = clock_text(m.minute);
    switch (m.channel) {
        case Channel::Email: return "On " + at + ", " + who + " wrote:";
        case Channel::Review:
            if (you) return "Your public reply, " + at + ":";
            return (customer_name.empty() ? std::string("The customer") : customer_name) + "'s public review, " + at +
                   (stars > 0 ? " (" + stars_label(stars) + ")" : "") + ":";
        case Channel::Chat: return "In the chat at " + at + ", " + who + " wrote:";
        case Channel::Phone: return "On the phone at " + at + ", " + who + " said:";
        case Channel::InPerson: break;
    }
    return "In person at " + at + ", " + who + " said:";
}

}  // namespace ta::gui
