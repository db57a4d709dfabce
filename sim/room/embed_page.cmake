# Writes an HTML page into a C++ source as a string, so the room needs no files at run time.
file(READ ${INPUT} CONTENT HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," BYTES "${CONTENT}")
file(WRITE ${OUTPUT} "// Generated from ${NAME}; do not edit.\n#include <string_view>\nnamespace ta::room {\nstatic const unsigned char kBytes[] = {${BYTES} 0};\nstd::string_view ${FUNCTION}() { return {reinterpret_cast<const char*>(kBytes), sizeof(kBytes) - 1}; }\n}\n")
