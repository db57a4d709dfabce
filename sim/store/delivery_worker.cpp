// delivery_worker.cpp: the background thread that sends waiting results (see delivery_worker.h).
#include "delivery_worker.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "lrs_outbox.h"
#include "results_store.h"
#include "store_backend.h"

namespace ta::store {

struct DeliveryWorker::Shared {
    std::string local_path;
    DeliveryTargets targets;
    long retry_every_ms = 60000;

    mutable std::mutex mu;
    mutable std::condition_variable changed;
    bool stop = false;
    bool finished = false;
    long long pokes = 0;           // bumped by poke()
    long long completed = -1;      // the poke count a finished round started from
    DeliveryStatus status;
    std::atomic<bool> cancel{false};
    std::thread thread;

    // Waits `ms` unless told to stop; false when stopping.
    bool pause(long ms) {
        std::unique_lock<std::mutex> lk(mu);
        return !changed.wait_for(lk, std::chrono::milliseconds(ms), [&] { return stop; });
    }

    void round(DeliveryStatus& out) {
        ResultsStore local;
        std::string error;
        if (!local.open(local_path, &error)) {
            out.last_error = "cannot open " + local_path + ": " + error;
            return;
        }
        if (!targets.server_url.empty() && !local.on_server()) {
            const DeliveryReport r = deliver_waiting(local, targets.server_url);
            out.sent += r.delivered + r.already_there;
            out.for_server = r.still_waiting;
            if (!r.error.empty()) out.last_error = r.error;
        }
        if (targets.lrs.configured() && !cancel.load()) {
            const LrsDeliveryReport r =
                deliver_to_lrs(local, targets.lrs, [this](long ms) { return pause(ms); }, &cancel);
            out.sent += r.delivered;
            out.for_lrs = r.still_waiting;
            if (!r.error.empty() && out.last_error.empty()) out.last_error = r.error;
        }
    }

    void run() {
        std::unique_lock<std::mutex> lk(mu);
        while (!stop) {
            const long long started_from = pokes;
            status.busy = true;
            DeliveryStatus next = status;
            lk.unlock();
            next.last_error.clear();
            round(next);
            lk.lock();
            next.busy = false;
            ++next.rounds;
            status = next;
            completed = started_from;
            changed.notify_all();
            const bool waiting = !status.for_server.empty() || !status.for_lrs.empty() || !status.last_error.empty();
            auto woken = [&] { return stop || pokes != started_from; };
            if (waiting)
                changed.wait_for(lk, std::chrono::milliseconds(retry_every_ms), woken);
            else
                changed.wait(lk, woken);
        }
        finished = true;
        changed.notify_all();
    }
};

DeliveryTargets delivery_targets_from_environment() {
    return {server_from_environment(), lrs_from_environment()};
}

DeliveryWorker::DeliveryWorker(std::string local_path, DeliveryTargets targets, long retry_every_ms)
    : shared_(std::make_shared<Shared>()) {
    shared_->local_path = std::move(local_path);
    shared_->targets = std::move(targets);
    shared_->retry_every_ms = retry_every_ms;
    // The thread holds the state too, so a thread still stuck in a request when the window
    // closes (detached below) never touches freed memory.
    shared_->thread = std::thread([state = shared_] { state->run(); });
}

DeliveryWorker::~DeliveryWorker() {
    std::unique_lock<std::mutex> lk(shared_->mu);
    shared_->stop = true;
    shared_->cancel = true;
    shared_->changed.notify_all();
    const bool done = shared_->changed.wait_for(lk, std::chrono::seconds(2), [&] { return shared_->finished; });
    lk.unlock();
    if (done)
        shared_->thread.join();
    else
        shared_->thread.detach();  // a server that does not answer; the process ends it
}

void DeliveryWorker::poke() {
    std::lock_guard<std::mutex> lk(shared_->mu);
    ++shared_->pokes;
    shared_->changed.notify_all();
}

DeliveryStatus DeliveryWorker::status() const {
    std::lock_guard<std::mutex> lk(shared_->mu);
    return shared_->status;
}

bool DeliveryWorker::wait_for_round(long timeout_ms) const {
    std::unique_lock<std::mutex> lk(shared_->mu);
    const long long target = shared_->pokes;
    return shared_->changed.wait_for(lk, std::chrono::milliseconds(timeout_ms),
                                     [&] { return shared_->completed >= target; });
}

std::string DeliveryWorker::summary() const {
    const DeliveryStatus s = status();
    const DeliveryTargets& t = shared_->targets;
    if (s.rounds == 0) return s.busy ? "Sending results..." : "";
    std::string out;
    auto add = [&](const OutboxCount& c, const std::string& where) {
        if (c.empty()) return;
        out += (out.empty() ? "" : "; ") + describe(c) + " waiting for " + where;
    };
    add(s.for_server, "the shared server");
    add(s.for_lrs, "the LRS");
    if (out.empty() && s.last_error.empty()) {
        std::string where = !t.server_url.empty() && t.lrs.configured() ? "the shared server and the LRS"
                            : !t.server_url.empty()                      ? "the shared server"
                                                                         : "the LRS";
        return "Everything recorded here has been sent to " + where + ".";
    }
    if (out.empty()) out = "Not everything could be sent";
    return out + " (kept on this computer and sent when it answers): " + s.last_error;
}

}  // namespace ta::store
