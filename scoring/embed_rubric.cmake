# Writes rubric.yaml into a C++ source as a string, so the default rubric is part of the binary.
file(READ ${INPUT} CONTENT HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," BYTES "${CONTENT}")
file(WRITE ${OUTPUT} "// Generated from rubric.yaml; do not edit.\n#include <string_view>\nnamespace ta::scoring {\nstatic const char kBytes[] = {${BYTES} 0};\nstd::string_view default_rubric_text() { return {kBytes, sizeof(kBytes) - 1}; }\n}\n")
