// progress_view.h: the window's link to the results store: the current trainee, and a
// ResultsProvider that records every finished attempt to the store for them.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "delivery_worker.h"
#include "results_provider.h"
#include "results_store.h"

namespace ta::gui {

class App;

class StoreResults final : public ResultsProvider {
public:
    // Opens (creating) the database at `path`. False with `error` set when it cannot.
    bool open(const std::string& path, std::string* error);

    store::ResultsStore& store() { return store_; }
    const store::ResultsStore& store() const { return store_; }

    // Who is playing; attempts are recorded for them. None: nothing is recorded.
    std::optional<store::Trainee> trainee;

    std::optional<BestResult> best_for(const std::string& scenario_id) const override;
    void record(const Scenario& scenario, const scoring::Debrief& debrief, const std::vector<int>& choice_path) override;
    std::string keeping_for() const override { return trainee ? trainee->name : std::string(); }

    // The window whose current play is being recorded (for its start time and thinking times).
    const App* app = nullptr;

    std::string last_error;  // why the last record failed ("" when it worked)
    int recorded = 0;        // attempts recorded in this run

    // Sends what is recorded here to $TURNAROUND_SERVER and $TURNAROUND_LRS in the background;
    // null when neither is set. Poked after every attempt and workshop session recorded.
    std::unique_ptr<store::DeliveryWorker> delivery;

private:
    store::ResultsStore store_;
};

// The store-backed provider installed in `app`, or nullptr (no store, or another provider).
StoreResults* store_results(App& app);

// "Who is playing?": the trainee list to pick from, and a name (and team) to add.
struct TraineePickerState {
    char new_name[96] = "";
    char new_team[64] = "";
};
// Adds the name (and team) typed into `st` as a trainee and makes them the one playing; on a
// refused name, says why. True when added.
bool add_typed_trainee(App& app, StoreResults& sr, TraineePickerState& st);

}  // namespace ta::gui
