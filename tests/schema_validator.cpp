#include "schema_validator.h"

#include <cstdlib>
#include <regex>
#include <set>

namespace ta::testing {

namespace {

// Keywords that describe rather than constrain; everything else must be understood below. Only
// standard ones: Ajv in strict mode refuses editor extensions such as enumDescriptions.
const std::set<std::string> kAnnotations = {"$schema", "$id", "title", "description", "definitions",
                                            "examples", "default"};
const std::set<std::string> kUnderstood = {"$ref",     "type",     "enum",      "required",  "properties",
                                           "additionalProperties", "dependencies", "anyOf", "minimum",
                                           "maximum",  "minLength", "pattern",  "items",     "minItems",
                                           "if",       "then",     "propertyNames"};

bool matches(const std::string& s, const char* pattern) { return std::regex_match(s, std::regex(pattern)); }

std::size_t code_points(const std::string& s) {
    std::size_t n = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

bool type_matches(const std::string& wanted, const std::string& actual) {
    return wanted == actual || (wanted == "number" && actual == "integer");
}

void add(std::vector<SchemaError>& errors, const YAML::Node& at, const std::string& path, std::string message) {
    const YAML::Mark m = at.Mark();
    errors.push_back({m.line >= 0 ? m.line + 1 : 0, m.column >= 0 ? m.column + 1 : 0, path.empty() ? "/" : path,
                      std::move(message)});
}

}  // namespace

std::string json_type(const YAML::Node& v) {
    if (!v.IsDefined() || v.IsNull()) return "null";
    if (v.IsMap()) return "object";
    if (v.IsSequence()) return "array";
    const std::string& s = v.Scalar();
    if (v.Tag() != "?") return "string";  // quoted, or explicitly tagged
    if (s.empty() || matches(s, "~|null|Null|NULL")) return "null";
    if (matches(s, "true|True|TRUE|false|False|FALSE")) return "boolean";
    if (matches(s, "[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")) return "integer";
    if (matches(s, "[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\\.(inf|Inf|INF)|\\.nan|\\.NaN|\\.NAN"))
        return "number";
    return "string";
}

YAML::Node SchemaValidator::resolve(const std::string& ref) const {
    const std::string prefix = "#/definitions/";
    if (ref.rfind(prefix, 0) != 0) return YAML::Node();
    YAML::Node defs = root_["definitions"];
    if (!defs.IsMap()) return YAML::Node();
    return defs[ref.substr(prefix.size())];
}

std::vector<SchemaError> SchemaValidator::validate(const YAML::Node& document) const {
    std::vector<SchemaError> errors;
    check(root_, document, "", errors, 0);
    return errors;
}

void SchemaValidator::check(const YAML::Node& schema, const YAML::Node& value, const std::string& path,
                            std::vector<SchemaError>& errors, int depth) const {
    if (depth > 64) {
        add(errors, value, path, "schema: $ref nesting too deep");
        return;
    }
    if (schema.IsScalar() && (schema.Scalar() == "true" || schema.Scalar() == "false")) {
        if (schema.Scalar() == "false") add(errors, value, path, "no value is allowed here");
        return;  // a boolean schema: true accepts anything
    }
    if (!schema.IsMap()) {
        add(errors, value, path, "schema: a schema must be an object or a boolean");
        return;
    }
    for (const auto& kv : schema) {
        const std::string key = kv.first.Scalar();
        if (!kUnderstood.count(key) && !kAnnotations.count(key))
            add(errors, value, path, "schema: keyword '" + key + "' is not supported by this validator");
    }

    if (schema["$ref"]) {
        YAML::Node target = resolve(schema["$ref"].Scalar());
        if (!target) add(errors, value, path, "schema: cannot resolve " + schema["$ref"].Scalar());
        else check(target, value, path, errors, depth + 1);
    }

    const std::string actual = json_type(value);
    if (const YAML::Node type = schema["type"]) {
        bool ok = false;
        std::string wanted;
        if (type.IsSequence()) {
            for (const auto& t : type) {
                ok = ok || type_matches(t.Scalar(), actual);
                wanted += (wanted.empty() ? "" : " or ") + t.Scalar();
            }
        } else {
            ok = type_matches(type.Scalar(), actual);
            wanted = type.Scalar();
        }
        if (!ok) {
            add(errors, value, path, "expected " + wanted + ", got " + actual);
            return;  // the other keywords would only repeat the complaint
        }
    }

    if (const YAML::Node options = schema["enum"]) {
        bool found = false;
        for (const auto& option : options)
            if (option.IsScalar() && value.IsScalar() && option.Scalar() == value.Scalar() &&
                (json_type(option) == "string") == (actual == "string"))
                found = true;
        if (!found) add(errors, value, path, "'" + (value.IsScalar() ? value.Scalar() : actual) + "' is not one of the allowed values");
    }

    if (actual == "integer" || actual == "number") {
        const double v = std::strtod(value.Scalar().c_str(), nullptr);
        if (schema["minimum"] && v < schema["minimum"].as<double>())
            add(errors, value, path, value.Scalar() + " is below the minimum " + schema["minimum"].Scalar());
        if (schema["maximum"] && v > schema["maximum"].as<double>())
            add(errors, value, path, value.Scalar() + " is above the maximum " + schema["maximum"].Scalar());
    }

    if (actual == "string") {
        const std::string& s = value.Scalar();
        if (schema["minLength"] && code_points(s) < schema["minLength"].as<std::size_t>())
            add(errors, value, path, "text is shorter than " + schema["minLength"].Scalar() + " characters");
        if (schema["pattern"] && !std::regex_search(s, std::regex(schema["pattern"].Scalar(), std::regex::ECMAScript)))
            add(errors, value, path, "'" + s + "' does not match " + schema["pattern"].Scalar());
    }

    if (actual == "array") {
        if (schema["minItems"] && value.size() < schema["minItems"].as<std::size_t>())
            add(errors, value, path, "needs at least " + schema["minItems"].Scalar() + " items");
        if (const YAML::Node items = schema["items"])
            for (std::size_t i = 0; i < value.size(); ++i)
                check(items, value[i], path + "/" + std::to_string(i), errors, depth + 1);
    }

    if (actual == "object") {
        std::set<std::string> present;
        for (const auto& kv : value) present.insert(kv.first.Scalar());
        if (const YAML::Node required = schema["required"])
            for (const auto& r : required)
                if (!present.count(r.Scalar())) add(errors, value, path, "missing required '" + r.Scalar() + "'");
        if (const YAML::Node deps = schema["dependencies"])
            for (const auto& d : deps) {
                if (!present.count(d.first.Scalar())) continue;
                if (d.second.IsMap()) {  // a schema the whole object must then match
                    std::vector<SchemaError> scratch;
                    check(d.second, value, path, scratch, depth + 1);
                    if (!scratch.empty())
                        add(errors, value, path, "'" + d.first.Scalar() + "' needs: " + scratch.front().message);
                    continue;
                }
                for (const auto& needed : d.second)
                    if (!present.count(needed.Scalar()))
                        add(errors, value, path, "'" + d.first.Scalar() + "' needs '" + needed.Scalar() + "'");
            }
        const YAML::Node props = schema["properties"];
        const YAML::Node extra = schema["additionalProperties"];
        const YAML::Node names = schema["propertyNames"];
        for (const auto& kv : value) {
            const std::string key = kv.first.Scalar();
            const std::string child = path + "/" + key;
            if (names) {
                std::vector<SchemaError> scratch;
                check(names, kv.first, child, scratch, depth + 1);
                if (!scratch.empty()) add(errors, kv.first, child, "key '" + key + "' is not allowed: " + scratch.front().message);
            }
            if (props && props[key]) {
                check(props[key], kv.second, child, errors, depth + 1);
            } else if (extra && extra.IsScalar() && extra.Scalar() == "false") {
                add(errors, kv.first, child, "unknown key '" + key + "'");
            } else if (extra && extra.IsMap()) {
                check(extra, kv.second, child, errors, depth + 1);
            }
        }
    }

    if (const YAML::Node condition = schema["if"]) {
        std::vector<SchemaError> scratch;
        check(condition, value, path, scratch, depth + 1);
        if (scratch.empty() && schema["then"]) check(schema["then"], value, path, errors, depth + 1);
    }

    if (const YAML::Node any = schema["anyOf"]) {
        bool ok = false;
        for (const auto& option : any) {
            std::vector<SchemaError> scratch;
            check(option, value, path, scratch, depth + 1);
            ok = ok || scratch.empty();
        }
        if (!ok) add(errors, value, path, "matches none of the alternatives (anyOf)");
    }
}

std::string format_errors(const std::vector<SchemaError>& errors) {
    std::string out;
    for (const auto& e : errors)
        out += std::to_string(e.line) + ":" + std::to_string(e.column) + ": " + e.path + ": " + e.message + "\n";
    return out;
}

}  // namespace ta::testing
