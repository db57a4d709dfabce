// schema_validator.h: a small JSON Schema (draft-07) validator over yaml-cpp nodes, for tests.
//
// Checks a YAML document the way a schema-aware editor sees it: plain scalars are typed by the
// YAML 1.2 core schema (42 is an integer, true a boolean, quoted "42" a string). Supports the
// keywords the scenario schema uses; any other validation keyword in the schema is reported as an
// error, so the test can never pass by silently ignoring part of the schema.
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

namespace ta::testing {

struct SchemaError {
    int line = 0;  // 1-based position in the document (0 when unknown)
    int column = 0;
    std::string path;  // e.g. /nodes/2/choices/0/mood
    std::string message;
};

class SchemaValidator {
public:
    explicit SchemaValidator(YAML::Node schema) : root_(std::move(schema)) {}

    std::vector<SchemaError> validate(const YAML::Node& document) const;

private:
    void check(const YAML::Node& schema, const YAML::Node& value, const std::string& path,
               std::vector<SchemaError>& errors, int depth) const;
    YAML::Node resolve(const std::string& ref) const;

    YAML::Node root_;
};

// The JSON type a YAML value has: "object", "array", "string", "integer", "number", "boolean", "null".
std::string json_type(const YAML::Node& value);

std::string format_errors(const std::vector<SchemaError>& errors);

}  // namespace ta::testing
