// store_setup.h: installs the results store as the window's ResultsProvider.
#pragma once

namespace ta::gui {

class App;

// Opens $TURNAROUND_RESULTS_DB, or (unless `scripted`) the per-user results database, and makes
// it app.results; $TURNAROUND_TRAINEE picks the trainee by name. On failure the window keeps
// its in-memory results and says why.
void install_results_store(App& app, bool scripted);

}  // namespace ta::gui
