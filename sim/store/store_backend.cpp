// store_backend.cpp: what both backends share: telling a server URL from a file name, and the JSON
// arrays an attempt's choices, replay path and thinking times are stored as.
#include "store_backend.h"

#include <cstdio>

namespace ta::store {

bool is_server_url(const std::string& location) {
    return location.rfind("postgresql://", 0) == 0 || location.rfind("postgres://", 0) == 0;
}

std::string redact_url(const std::string& location) {
    if (!is_server_url(location)) return location;
    // scheme://user:password@host...: the password is what lies between the first ':' after the
    // scheme and the '@' that ends the credentials.
    std::string out = location;
    const std::size_t start = out.find("://") + 3;
    const std::size_t at = out.find('@', start);
    const std::size_t colon = out.find(':', start);
    if (at != std::string::npos && colon != std::string::npos && colon < at)
        out = out.substr(0, colon + 1) + "***" + out.substr(at);
    // ...?password=secret&... in the query too.
    for (std::size_t p = out.find("password="); p != std::string::npos; p = out.find("password=", p + 1)) {
        if (p == 0 || (out[p - 1] != '?' && out[p - 1] != '&')) continue;
        const std::size_t value = p + 9, end = out.find('&', value);
        out.replace(value, (end == std::string::npos ? out.size() : end) - value, "***");
    }
    return out;
}

std::string json_string_array(const std::vector<std::string>& v) {
    std::string out = "[";
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (i) out += ',';
        out += '"';
        for (char c : v[i]) {
            unsigned char u = static_cast<unsigned char>(c);
            if (c == '"' || c == '\\') {
                out += '\\';
                out += c;
            } else if (u < 0x20) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", u);
                out += buf;
            } else {
                out += c;
            }
        }
        out += '"';
    }
    return out + "]";
}

namespace {
template <class T>
std::string number_array(const std::vector<T>& v) {
    std::string out = "[";
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (i) out += ',';
        out += std::to_string(v[i]);
    }
    return out + "]";
}
}  // namespace

std::string json_number_array(const std::vector<int>& v) { return number_array(v); }
std::string json_number_array(const std::vector<long long>& v) { return number_array(v); }

}  // namespace ta::store
