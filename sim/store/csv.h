// csv.h: CSV cells and rows per RFC 4180, made safe to open in a spreadsheet.
#pragma once

#include <string>
#include <vector>

namespace ta::store {

// One cell. A value starting with = + - @ tab or CR gets a leading single quote so that a
// spreadsheet shows it as text instead of running it as a formula; then the cell is quoted (with
// inner quotes doubled) when it holds a comma, quote, CR or LF, or when it was neutralised.
std::string csv_cell(const std::string& value);

// Cells joined by commas, ending in CRLF (RFC 4180 line ending).
std::string csv_row(const std::vector<std::string>& cells);

// Reads CSV text back into rows (quoted cells, doubled quotes, CRLF or LF). For tests and imports.
std::vector<std::vector<std::string>> csv_parse(const std::string& text);

}  // namespace ta::store
