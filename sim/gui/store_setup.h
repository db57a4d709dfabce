// store_setup.h: installs the results store as the window's ResultsProvider.
#pragma once

#include <string>

namespace ta::gui {

class App;

// Where results go, from the command line; the environment and the per-user default fill the rest.
struct ResultsChoice {
    std::string db;       // --db: a results database file ("" = $TURNAROUND_RESULTS_DB, else the default)
    std::string trainee;  // --trainee: who is playing ("" = $TURNAROUND_TRAINEE, else asked in the window)
    bool scripted = false;  // a scripted run keeps results only where --db or the variable says
};

// Opens the results database (--db, else $TURNAROUND_RESULTS_DB, else, unless scripted, the
// per-user one) and makes it app.results, with the trainee from --trainee or $TURNAROUND_TRAINEE.
// On failure the window keeps its in-memory results, says why, and app.results_unavailable says so.
void install_results_store(App& app, const ResultsChoice& choice);

}  // namespace ta::gui
