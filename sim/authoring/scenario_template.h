// scenario_template.h: a new scenario to start from, filled in with the trainer's own details.
//
// A compact but complete conversation (opening, listening, apology, a choice of remedies, a
// follow-up the next day, three endings) that loads without a single warning and plays from start to finish,
// with comments saying what each part is for. `turnaround-cli new` writes it to a file.
#pragma once

#include <string>

namespace ta {

struct ScaffoldInfo {
    std::string title;     // e.g. "The Double-Booked Table"
    std::string customer;  // the customer's name
    std::string industry;  // e.g. "Hospitality"
    // Path of the JSON Schema as seen from the new file, for the editor's yaml-language-server
    // line; "" when it cannot be known (then the file says how to add the line).
    std::string schema_ref = "schema/scenario.schema.json";
};

// The `$schema` reference for a scenario written to `output` (a file path): the path of the
// scenario schema relative to the file's folder, as VS Code's YAML extension resolves it, when a
// folder above it holds schema/scenario.schema.json or scenarios/schema/scenario.schema.json
// (the bundled library, or a copy of it); "" when none does, or for standard output ("-", "").
std::string schema_ref_for_file(const std::string& output);

// The first lines of a scenario file: "# yaml-language-server: $schema=REF", or, without a
// reference, a comment saying how to add one.
std::string schema_comment(const std::string& schema_ref);

// The scenario's YAML text.
std::string scaffold_scenario(const ScaffoldInfo& info);

// An id for a title: lower-case ASCII letters and digits, other runs become one dash
// ("Café: Table 4!" -> "caf-table-4"); "new-scenario" when nothing is left. At most 48 characters.
std::string slug_from_title(const std::string& title);

// A YAML double-quoted scalar holding `text` exactly (quotes, backslashes, control characters).
std::string yaml_quoted(const std::string& text);

}  // namespace ta
