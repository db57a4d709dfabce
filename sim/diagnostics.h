// diagnostics.h: problems found in a scenario file, reported in the GCC style
//   path:line:col: error: message
// so that trainers' editors and terminals can jump straight to them.
#pragma once

#include <string>
#include <vector>

namespace ta {

struct Diagnostic {
    // Todo: in a draft (`draft: true`), content the trainer has still to write (feedback, model
    // replies, expectations...); listed like a warning, but not one: `lint --strict` passes it.
    enum class Severity { Error, Warning, Todo };
    Severity severity = Severity::Error;
    std::string file;
    int line = 0;    // 1-based; 0 = whole file
    int column = 0;  // 1-based; 0 = whole line
    std::string code;     // stable machine-readable kind, e.g. "unknown-key", "yaml-syntax"
    std::string message;  // what is wrong and what to do about it
};

// "path:line:col: error: message" (line/col omitted when unknown).
std::string format_diagnostic(const Diagnostic& d);

// Syntax errors (yaml-syntax, tab-indent) are shown with their line and a caret, as compilers
// do, because the parser's words alone rarely point at the cause.
bool shows_source(const Diagnostic& d);
// Line d.line of `text` and a caret under d.column (" 4 | text: a: b" / "   |        ^"), each
// ending in '\n'; "" when the diagnostic has no line in `text`.
std::string format_source_excerpt(const Diagnostic& d, const std::string& text);

int count_errors(const std::vector<Diagnostic>& diags);
int count_warnings(const std::vector<Diagnostic>& diags);
int count_todos(const std::vector<Diagnostic>& diags);

// True for the warnings about content only a trainer can write (a reply's feedback, the model
// answer, an alternative reply, a recovered ending, expectations): what a Twine import lacks.
bool is_unwritten_content(const Diagnostic& d);
// In a draft those warnings are work still to do: turn them into Todo.
void mark_unwritten_as_todo(std::vector<Diagnostic>& diags);
// "error", "warning" or "to do", as printed.
const char* severity_word(Diagnostic::Severity s);

}  // namespace ta
