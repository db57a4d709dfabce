// json_writer.h: a small, deterministic JSON builder (same input -> byte-identical output).
#pragma once

#include <string>

#include "scenario.h"

namespace ta::scoring {

class JsonWriter {
public:
    explicit JsonWriter(int indent = 2) : indent_(indent) {}

    JsonWriter& begin_object();
    JsonWriter& end_object();
    JsonWriter& begin_array();
    JsonWriter& end_array();
    JsonWriter& key(const std::string& k);
    JsonWriter& value(const std::string& s);
    JsonWriter& value(const char* s) { return value(std::string(s)); }
    JsonWriter& value(double d);  // up to 6 decimals; non-finite numbers become null
    JsonWriter& value(int i);
    JsonWriter& value(bool b);
    JsonWriter& null();
    JsonWriter& raw(const std::string& json);  // an already-formatted value
    // {"listening": .., "apology": .., ...}
    JsonWriter& competencies(const CompetencyArray& a);

    std::string str() const { return out_ + "\n"; }

    static std::string escape(const std::string& s);
    static std::string number(double d);

private:
    void before_value();
    void newline();
    std::string out_;
    int indent_;
    int depth_ = 0;
    bool first_ = true;
    bool after_key_ = false;
};

}  // namespace ta::scoring
