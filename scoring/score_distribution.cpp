#include "score_distribution.h"

#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>

#include "analysis.h"

namespace ta::scoring {

namespace {

// Distribution keys: overall-score contributions in units of 1e-9 points. Scores built from
// whole tag points are rationals with small denominators, so summing rounded contributions never
// moves a score across a band boundary.
constexpr double kUnitsPerPoint = 1e9;
// Upper bound on the (state, score) entries waiting at once while building the distribution.
// Entries are 16 bytes in 64-bit counting, so this is a few megabytes.
constexpr std::size_t kDistributionBudget = 150'000;
// Lists at least this long are settled a stretch of keys at a time (see spread); shorter ones
// entry by entry, which is cheaper than finding where a stretch ends.
constexpr std::size_t kStretchFrom = 8;

// Counting in one machine word is several times faster than in BigNum. It is used when the number
// of playthroughs fits in 64 bits; then no sum can overflow (each counts some of those
// playthroughs), and the checks below are only a guard: on overflow, BigNum counts again.
template <class Count>
struct CountOps;

template <>
struct CountOps<std::uint64_t> {
    static bool add(std::uint64_t& into, std::uint64_t n) { return !__builtin_add_overflow(into, n, &into); }
    static bool add_product(std::uint64_t& into, std::uint64_t a, std::uint64_t b) {
        std::uint64_t p;
        return !__builtin_mul_overflow(a, b, &p) && add(into, p);
    }
};

template <>
struct CountOps<BigNum> {
    static bool add(BigNum& into, const BigNum& n) {
        into += n;
        return true;
    }
    static bool add_product(BigNum& into, const BigNum& a, const BigNum& b) {
        into += a * b;
        return true;
    }
};

enum class Outcome { Done, Overflow, OverBudget };

// Exact number of playthroughs per 10-point band, and of passing ones. Forward over the states in
// topological order, carrying the distinct score-so-far values that reach each state with their
// counts, sorted by score. A value is settled as soon as every way on from the state lands in the
// same band with the same pass outcome (known from the best and worst score still reachable
// there): its count times the number of completions goes straight into the histogram. Only values
// near a band boundary travel on, which keeps the lists short even with 10^12 playthroughs.
template <class Count>
class Distributor {
public:
    Distributor(const ScoreModel& m, const std::vector<Count>& all, const std::vector<Count>& eligible)
        : m_(m), g_(m.graph()), all_(all), eligible_(eligible), pending_(g_.state_count()) {
        histogram_.assign(10, Count{});
    }

    Outcome run() {
        const int start = g_.start();
        const Components& comp = g_.components();
        const ComponentMembers& members = m_.members();
        // A scenario that starts at its ending is one playthrough with no turns.
        std::vector<Entry> start_entry{{0, Count{1}}};
        if (!arrive_all(start, start_entry, 0, m_.rules().pass_eligible(0))) return Outcome::Overflow;
        std::vector<Entry> here;
        for (int k = comp.count - 1; k >= 0; --k)
            for (int i = members.begin[k]; i < members.begin[k + 1]; ++i) {
                int u = members.states[i];
                if (g_.is_sink(u) || pending_[u].entries.empty()) continue;
                live_ -= pending_[u].entries.size();
                if (!merge_runs(pending_[u], here)) return Outcome::Overflow;
                pending_[u] = Pending{};  // frees its memory
                for (int e = g_.out_begin(u); e < g_.out_end(u); ++e) {
                    const Edge& ed = g_.edge(e);
                    long long shift = std::llround(m_.edge_value(e) * kUnitsPerPoint);
                    if (!arrive_all(ed.to, here, shift, ed.pass_eligible)) return Outcome::Overflow;
                }
                here.clear();
                if (live_ > kDistributionBudget) return Outcome::OverBudget;
            }
        return Outcome::Done;
    }

    std::vector<BigNum> histogram() const { return {histogram_.begin(), histogram_.end()}; }
    BigNum passing() const { return passing_; }

private:
    struct Entry {
        long long key;
        Count n;
    };
    // The scores waiting at a state: one sorted run per arriving move, merged once, when the
    // state's turn comes. (Merging on each arrival copied the growing list again for every move
    // into the state: eight times the work on dense graphs.)
    struct Pending {
        std::vector<Entry> entries;
        std::vector<std::size_t> run_starts;
    };
    using Ops = CountOps<Count>;

    bool passes(double overall) const { return overall + kScoreEps >= m_.pass_mark(); }

    // Where a score-so-far (a key) stands once the conversation ends: the band and pass outcome
    // of the worst and of the best total still reachable. Equal sides mean the key is settled.
    struct Side {
        int band;
        bool pass;
        bool operator==(const Side&) const = default;
    };
    Side side(long long key, double base) const {
        double overall = static_cast<double>(key) / kUnitsPerPoint + base;
        return {score_bucket(overall), passes(overall)};
    }

    // The first key above `key` whose side (from `base`) differs, or kNoChange. Side is monotone
    // in the key, so the estimate from the next threshold is corrected by a step or two to agree
    // exactly with side(); if it would take more, the caller looks at every key.
    static constexpr long long kNoChange = std::numeric_limits<long long>::max();
    long long next_change(long long key, double base) const {
        const Side now = side(key, base);
        double overall = static_cast<double>(key) / kUnitsPerPoint + base, next = kInf;
        if (now.band < 9) next = 10.0 * (now.band + 1) - kScoreEps;
        if (!now.pass) next = std::min(next, m_.pass_mark() - kScoreEps);
        if (next == kInf) return kNoChange;
        if (next <= overall) return key + 1;  // rounding at a threshold: look at the next key
        double estimate = std::ceil((next - base) * kUnitsPerPoint);
        if (!(estimate < 9e18)) return kNoChange;
        long long k = std::max(key + 1, static_cast<long long>(estimate));
        for (int step = 0; step < 8 && k - 1 > key && !(side(k - 1, base) == now); ++step) --k;
        for (int step = 0; step < 8; ++step, ++k)
            if (!(side(k, base) == now) && (k - 1 == key || side(k - 1, base) == now)) return k;
        return key + 1;
    }

    // Sends every entry of `from` (sorted, distinct keys), shifted by `shift`, to state w along a
    // move that, if w is an ending, leaves the facts a pass needs when `pass_eligible`.
    bool arrive_all(int w, const std::vector<Entry>& from, long long shift, bool pass_eligible) {
        if (g_.is_sink(w))  // every score is final: one completion, eligible or not
            return spread(from, shift, m_.offset(), m_.offset(), one_, pass_eligible ? one_ : zero_, pending_[w]);
        if (!m_.reaches_ending(w)) return true;  // no completion from here
        return spread(from, shift, m_.offset() + m_.worst_to_go(w), m_.offset() + m_.best_to_go(w), all_[w],
                      eligible_[w], pending_[w]);
    }

    // An entry whose band and pass outcome are already decided (the worst and best totals still
    // reachable, from lo_base and hi_base, agree) is settled: its count times the completions,
    // all or eligible, goes into the histogram. The rest wait as one more sorted run. Long lists
    // are taken a stretch of keys at a time: within a stretch the sides do not change, so they are
    // worked out once and settled counts are summed before multiplying by the completions.
    bool spread(const std::vector<Entry>& from, long long shift, double lo_base, double hi_base, const Count& all,
                const Count& eligible, Pending& waiting) {
        const bool stretches = from.size() >= kStretchFrom;
        const std::size_t run_start = waiting.entries.size();
        long long stretch_end = std::numeric_limits<long long>::min();
        Side lo{}, hi{};
        Count settled{};
        auto settle = [&] {
            if (!(lo == hi)) return true;
            bool ok = Ops::add_product(histogram_[lo.band], settled, all) &&
                      (!lo.pass || Ops::add_product(passing_, settled, eligible));
            settled = Count{};
            return ok;
        };
        for (const Entry& x : from) {
            const long long key = x.key + shift;
            if (key >= stretch_end) {
                if (!settle()) return false;
                lo = side(key, lo_base);
                hi = side(key, hi_base);
                stretch_end = stretches ? std::min(next_change(key, lo_base), next_change(key, hi_base)) : key + 1;
            }
            if (lo == hi) {
                if (!Ops::add(settled, x.n)) return false;
            } else {
                waiting.entries.push_back({key, x.n});
            }
        }
        if (!settle()) return false;
        if (waiting.entries.size() > run_start) waiting.run_starts.push_back(run_start);
        live_ += waiting.entries.size() - run_start;
        return true;
    }

    // Merges the runs of `p` into `out`, sorted by key, adding the counts of equal keys: pairs of
    // neighbouring runs at a time, so log2(runs) passes over the entries.
    bool merge_runs(Pending& p, std::vector<Entry>& out) {
        out.swap(p.entries);
        starts_.swap(p.run_starts);
        while (starts_.size() > 1) {
            starts_.push_back(out.size());  // the end of the last run
            merged_.clear();
            next_starts_.clear();
            for (std::size_t r = 0; r + 1 < starts_.size(); r += 2) {
                next_starts_.push_back(merged_.size());
                std::size_t mid = starts_[r + 1], end = r + 2 < starts_.size() ? starts_[r + 2] : mid;
                if (!merge_two(out.data() + starts_[r], out.data() + mid, out.data() + mid, out.data() + end))
                    return false;
            }
            out.swap(merged_);
            starts_.swap(next_starts_);
        }
        starts_.clear();
        return true;
    }

    // Appends the merge of sorted ranges [a, a_end) and [b, b_end) to merged_.
    bool merge_two(Entry* a, Entry* a_end, Entry* b, Entry* b_end) {
        while (a != a_end && b != b_end) {
            if (a->key < b->key) {
                merged_.push_back(std::move(*a++));
            } else if (b->key < a->key) {
                merged_.push_back(std::move(*b++));
            } else {
                merged_.push_back(std::move(*a++));
                if (!Ops::add(merged_.back().n, b++->n)) return false;
            }
        }
        merged_.insert(merged_.end(), std::make_move_iterator(a), std::make_move_iterator(a_end));
        merged_.insert(merged_.end(), std::make_move_iterator(b), std::make_move_iterator(b_end));
        return true;
    }

    const ScoreModel& m_;
    const StateGraph& g_;
    const std::vector<Count>& all_;
    const std::vector<Count>& eligible_;
    std::vector<Pending> pending_;
    std::vector<Entry> merged_;
    std::vector<std::size_t> starts_, next_starts_;
    std::vector<Count> histogram_;
    Count passing_{};
    const Count one_{1}, zero_{};
    std::size_t live_ = 0;
};

template <class Count>
std::optional<ScoreDistribution> distribute(const ScoreModel& m, const std::vector<Count>& all,
                                            const std::vector<Count>& eligible, bool& over_budget) {
    Distributor<Count> d(m, all, eligible);
    Outcome outcome = d.run();
    over_budget = outcome == Outcome::OverBudget;
    if (outcome != Outcome::Done) return std::nullopt;
    return ScoreDistribution{true, d.histogram(), d.passing()};
}

// The counts as machine words, when every one fits.
std::optional<std::vector<std::uint64_t>> small_counts(const std::vector<BigNum>& counts) {
    std::vector<std::uint64_t> out;
    out.reserve(counts.size());
    for (const BigNum& n : counts) {
        std::optional<std::uint64_t> v = n.to_u64();
        if (!v) return std::nullopt;
        out.push_back(*v);
    }
    return out;
}

}  // namespace

Completions count_completions(const ScoreModel& m) {
    const StateGraph& g = m.graph();
    const ComponentMembers& members = m.members();
    const Components& comp = g.components();
    Completions n;
    n.all.resize(g.state_count());
    n.eligible.resize(g.state_count());
    for (int k = 0; k < comp.count; ++k)
        for (int i = members.begin[k]; i < members.begin[k + 1]; ++i) {
            int u = members.states[i];
            if (g.is_sink(u)) {
                n.all[u] = 1;
                if (u == g.start() && m.rules().pass_eligible(0)) n.eligible[u] = 1;
                continue;
            }
            for (int e = g.out_begin(u); e < g.out_end(u); ++e) {
                int w = g.edge(e).to;
                n.all[u] += n.all[w];
                if (!g.is_sink(w)) n.eligible[u] += n.eligible[w];
                else if (g.edge(e).pass_eligible) n.eligible[u] += 1;
            }
        }
    return n;
}

ScoreDistribution score_distribution(const ScoreModel& m, const Completions& completions) {
    bool over_budget = false;
    auto all = small_counts(completions.all), eligible = small_counts(completions.eligible);
    if (all && eligible) {
        if (auto d = distribute<std::uint64_t>(m, *all, *eligible, over_budget)) return *d;
        if (over_budget) return {};
    }
    if (auto d = distribute<BigNum>(m, completions.all, completions.eligible, over_budget)) return *d;
    return {};
}

}  // namespace ta::scoring
