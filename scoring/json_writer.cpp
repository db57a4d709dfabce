#include "json_writer.h"

#include "json_escape.h"

#include <cmath>
#include <cstdio>

namespace ta::scoring {

std::string JsonWriter::escape(const std::string& s) { return json_quote(s); }

// Six decimals: a score that fails a pass mark (by more than kScoreEps = 1e-6) never prints as the
// mark itself, as it did with four.
std::string JsonWriter::number(double d) {
    if (!std::isfinite(d)) return "null";
    double r = std::round(d * 1e6) / 1e6;
    if (r == 0) r = 0;  // no "-0"
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.6f", r);
    std::string s = buf;
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
    return s;
}

void JsonWriter::newline() {
    if (indent_ <= 0) return;
    out_ += '\n';
    out_.append(static_cast<std::size_t>(depth_ * indent_), ' ');
}

void JsonWriter::before_value() {
    if (after_key_) {
        after_key_ = false;
        return;
    }
    if (depth_ == 0) return;
    if (!first_) out_ += ',';
    first_ = false;
    newline();
}

JsonWriter& JsonWriter::begin_object() {
    before_value();
    out_ += '{';
    ++depth_;
    first_ = true;
    return *this;
}

JsonWriter& JsonWriter::end_object() {
    --depth_;
    if (!first_) newline();
    out_ += '}';
    first_ = false;
    return *this;
}

JsonWriter& JsonWriter::begin_array() {
    before_value();
    out_ += '[';
    ++depth_;
    first_ = true;
    return *this;
}

JsonWriter& JsonWriter::end_array() {
    --depth_;
    if (!first_) newline();
    out_ += ']';
    first_ = false;
    return *this;
}

JsonWriter& JsonWriter::key(const std::string& k) {
    before_value();
    out_ += escape(k);
    out_ += indent_ > 0 ? ": " : ":";
    after_key_ = true;
    return *this;
}

JsonWriter& JsonWriter::value(const std::string& s) {
    before_value();
    out_ += escape(s);
    return *this;
}

JsonWriter& JsonWriter::value(double d) {
    before_value();
    out_ += number(d);
    return *this;
}

JsonWriter& JsonWriter::value(int i) {
    before_value();
    out_ += std::to_string(i);
    return *this;
}

JsonWriter& JsonWriter::value(bool b) {
    before_value();
    out_ += b ? "true" : "false";
    return *this;
}

JsonWriter& JsonWriter::null() {
    before_value();
    out_ += "null";
    return *this;
}

JsonWriter& JsonWriter::raw(const std::string& json) {
    before_value();
    out_ += json;
    return *this;
}

JsonWriter& JsonWriter::competencies(const CompetencyArray& a) {
    begin_object();
    for (int c = 0; c < kCompetencyCount; ++c) key(competency_key(static_cast<Competency>(c))).value(a[c]);
    return end_object();
}

}  // namespace ta::scoring
