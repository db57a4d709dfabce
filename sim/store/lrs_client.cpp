// lrs_client.cpp: xAPI statements over HTTP(S) with libcurl.
#include "lrs_client.h"

#include <curl/curl.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <thread>

namespace ta::store {
namespace {

std::string env_or_empty(const char* name) {
    const char* v = std::getenv(name);
    return v ? v : "";
}

// curl_global_init is not safe to race; every request goes through here first.
void init_curl_once() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

size_t append_body(char* data, size_t size, size_t count, void* out) {
    auto* body = static_cast<std::string*>(out);
    // An LRS's answer is ids or a reason; past 64 KiB it is not worth keeping.
    if (body->size() < 65536) body->append(data, std::min<size_t>(size * count, 65536 - body->size()));
    return size * count;
}

int check_cancel(void* flag, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
    const auto* cancel = static_cast<const std::atomic<bool>*>(flag);
    return cancel && cancel->load() ? 1 : 0;  // non-zero aborts the transfer
}

// The first line of an LRS's answer, short enough for one message.
std::string reason_of(const std::string& body) {
    std::string line = body.substr(0, body.find('\n'));
    if (line.size() > 300) line = line.substr(0, 300) + "...";
    for (char& c : line)
        if (static_cast<unsigned char>(c) < 0x20) c = ' ';
    return line;
}

}  // namespace

LrsSettings lrs_from_environment() {
    LrsSettings s;
    s.endpoint = env_or_empty("TURNAROUND_LRS");
    s.username = env_or_empty("TURNAROUND_LRS_USER");
    s.password = env_or_empty("TURNAROUND_LRS_PASSWORD");
    s.home_page = env_or_empty("TURNAROUND_HOME_PAGE");
    return s;
}

std::string statements_url(const std::string& endpoint) {
    std::string base = endpoint;
    while (!base.empty() && base.back() == '/') base.pop_back();
    return base + "/statements";
}

LrsAnswer post_statements(const LrsSettings& lrs, const std::string& statements_json, const std::atomic<bool>* cancel) {
    init_curl_once();
    LrsAnswer answer;
    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), curl_easy_cleanup);
    if (!curl) {
        answer.transport_error = "cannot start an HTTP request (libcurl)";
        return answer;
    }
    curl_slist* headers = nullptr;
    headers = curl_slist_append(headers, "Content-Type: application/json; charset=utf-8");
    headers = curl_slist_append(headers, "X-Experience-API-Version: 1.0.3");
    std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> header_list(headers, curl_slist_free_all);

    const std::string url = statements_url(lrs.endpoint);
    CURL* c = curl.get();
    curl_easy_setopt(c, CURLOPT_URL, url.c_str());
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);  // safe in a background thread
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, statements_json.data());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(statements_json.size()));
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, lrs.timeout_ms);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, std::min(lrs.timeout_ms, 5000L));
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, append_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &answer.body);
    if (!lrs.username.empty() || !lrs.password.empty()) {
        curl_easy_setopt(c, CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
        curl_easy_setopt(c, CURLOPT_USERNAME, lrs.username.c_str());
        curl_easy_setopt(c, CURLOPT_PASSWORD, lrs.password.c_str());
    }
    if (cancel) {
        curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, check_cancel);
        curl_easy_setopt(c, CURLOPT_XFERINFODATA, cancel);
        curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
    }
    const CURLcode rc = curl_easy_perform(c);
    if (rc != CURLE_OK) {
        answer.transport_error = curl_easy_strerror(rc);
        return answer;
    }
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &answer.status);
    curl_off_t retry_after = 0;
    if (curl_easy_getinfo(c, CURLINFO_RETRY_AFTER, &retry_after) == CURLE_OK && retry_after > 0)
        answer.retry_after_s = static_cast<long>(retry_after);
    return answer;
}

LrsVerdict judge(const LrsAnswer& a) {
    if (a.status == 200 || a.status == 204) return LrsVerdict::Stored;
    if (a.status == 0 || a.status == 408 || a.status == 429 || a.status >= 500) return LrsVerdict::TryLater;
    return LrsVerdict::Refused;  // 400 (a statement it will not take), 401/403 (credentials), 409 (a different statement has that id), ...
}

std::string explain(const LrsAnswer& a) {
    const std::string code = " (" + std::to_string(a.status) + ")";
    const std::string why = a.body.empty() ? "" : ": " + reason_of(a.body);
    if (a.status == 0) return "the LRS cannot be reached: " + a.transport_error;
    if (a.status == 401 || a.status == 403)
        return "the LRS refused the credentials" + code + "; check TURNAROUND_LRS_USER and TURNAROUND_LRS_PASSWORD" + why;
    if (a.status == 409)
        return "the LRS holds a different statement with the same id" + code +
               " (was this attempt sent before with another home page?)" + why;
    if (a.status == 404) return "no xAPI statements resource at that address" + code + "; check TURNAROUND_LRS" + why;
    if (a.status == 429 || a.status >= 500) return "the LRS is busy or failing" + code + why;
    if (judge(a) == LrsVerdict::Stored) return "stored" + code;
    return "the LRS refused the statements" + code + why;
}

long retry_delay_ms(int failed_tries, const LrsAnswer& a, const LrsSettings& lrs) {
    if (a.retry_after_s >= 0) return std::min(a.retry_after_s * 1000, lrs.max_delay_ms);
    long delay = lrs.first_delay_ms;
    for (int i = 1; i < failed_tries && delay < lrs.max_delay_ms; ++i) delay *= 2;
    return std::min(delay, lrs.max_delay_ms);
}

bool sleep_ms(long ms) {
    std::this_thread::sleep_for(std::chrono::milliseconds(ms));
    return true;
}

SendResult send_with_retry(const LrsSettings& lrs, const std::string& statements_json, const Sleeper& sleep,
                           const std::atomic<bool>* cancel) {
    SendResult r;
    const int tries = std::max(1, lrs.tries);
    while (true) {
        r.last = post_statements(lrs, statements_json, cancel);
        ++r.tries;
        if (judge(r.last) != LrsVerdict::TryLater || r.tries >= tries) return r;
        if (cancel && cancel->load()) return r;
        if (!sleep(retry_delay_ms(r.tries, r.last, lrs))) return r;
    }
}

}  // namespace ta::store
