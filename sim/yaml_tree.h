// yaml_tree.h: a compact, read-only YAML document, built from yaml-cpp's parser events.
//
// yaml-cpp parses (and reports syntax errors with their marks) exactly as YAML::Load does; only
// the tree it would build is replaced. YAML::Node gives every value its own reference-counted
// heap objects, which cost a fifth of the time of loading a scenario; here all values of a
// document sit in three flat arrays. YamlNode mirrors the part of YAML::Node's read API the
// scenario loader uses (Type, IsMap, Scalar, Mark, size, operator[], iteration), with the same
// meaning: an alias is the very node its anchor names (so a tree can share, even contain,
// itself), maps keep duplicate keys in order, and a missing key gives an undefined node.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/mark.h>
#include <yaml-cpp/node/type.h>

namespace ta {

class YamlTree;

class YamlNode {
public:
    YamlNode() = default;  // undefined

    YAML::NodeType::value Type() const;
    bool IsDefined() const { return Type() != YAML::NodeType::Undefined; }
    bool IsNull() const { return Type() == YAML::NodeType::Null; }
    bool IsScalar() const { return Type() == YAML::NodeType::Scalar; }
    bool IsSequence() const { return Type() == YAML::NodeType::Sequence; }
    bool IsMap() const { return Type() == YAML::NodeType::Map; }

    const std::string& Scalar() const;  // "" unless a scalar
    // A scalar written in quotes, as a block (| or >) or with an explicit tag: text to a
    // schema-aware editor, never a number or a boolean (YAML 1.2 core schema).
    bool IsQuoted() const;
    YAML::Mark Mark() const;            // where the value starts (0-based); null_mark() when undefined
    std::size_t size() const;           // items of a list, pairs of a map, else 0
    // The value of the first entry whose key is the scalar `key`; undefined when there is none.
    YamlNode operator[](std::string_view key) const;

    // Iterating a list gives its items; iterating a map gives entries whose .first and .second
    // are the key and the value (YAML::Node's convention).
    struct Item;
    class iterator;
    iterator begin() const;
    iterator end() const;

private:
    friend class YamlTree;
    YamlNode(const YamlTree* tree, int index) : tree_(tree), index_(index) {}
    const YamlTree* tree_ = nullptr;
    int index_ = -1;
};

struct YamlNode::Item : YamlNode {
    YamlNode first, second;
};

class YamlNode::iterator {
public:
    using value_type = Item;
    using difference_type = std::ptrdiff_t;
    using reference = const Item&;
    using pointer = const Item*;
    using iterator_category = std::forward_iterator_tag;

    iterator() = default;
    reference operator*() const {
        load();
        return item_;
    }
    pointer operator->() const {
        load();
        return &item_;
    }
    iterator& operator++();
    iterator operator++(int) {
        iterator old = *this;
        ++*this;
        return old;
    }
    bool operator==(const iterator& o) const { return at_ == o.at_; }
    bool operator!=(const iterator& o) const { return at_ != o.at_; }

private:
    friend class YamlNode;
    iterator(const YamlTree* tree, const int* at, bool map);
    void load() const;
    const YamlTree* tree_ = nullptr;
    const int* at_ = nullptr;  // into YamlTree::children_
    bool map_ = false;
    mutable Item item_;  // filled when dereferenced, never past the end
};

class YamlTree {
public:
    // Parses the first document of `text` (as YAML::Load does). Throws YAML::Exception, with the
    // mark of the problem, when the text is not valid YAML; and, unlike YAML::Load, when a quote
    // is never closed (yaml-cpp ends it at the end of the file): EOF_IN_SCALAR at the quote.
    static std::unique_ptr<YamlTree> parse(const std::string& text);

    // The document's root: a null node for an empty document.
    YamlNode root() const { return {this, root_}; }
    // Values the file writes itself (an alias counts once, where its anchor is).
    std::size_t node_count() const { return nodes_.size(); }
    // Values a walk of the whole tree meets, each alias counting as all it names (an alias to a
    // collection that contains it counts once). Honest files: node_count(); a "billion laughs"
    // file: astronomically more, saturating at kExpansionCap.
    std::uint64_t expanded_count() const { return expanded_; }
    static constexpr std::uint64_t kExpansionCap = std::uint64_t{1} << 60;
    // The alias that names the most (where an explanation of a refused file should point), and
    // how many values it names; null_mark() and 0 when the file has no alias.
    YAML::Mark biggest_alias() const { return biggest_alias_; }
    std::uint64_t biggest_alias_size() const { return biggest_alias_size_; }

private:
    friend class YamlNode;
    friend class YamlTreeBuilder;

    struct Value {
        YAML::NodeType::value type = YAML::NodeType::Null;
        YAML::Mark mark;
        int first_child = 0;  // into children_; a map's children are key, value, key, value, ...
        int child_count = 0;
        std::string scalar;
        bool quoted = false;  // a scalar not written plain (see YamlNode::IsQuoted)
    };

    std::vector<Value> nodes_;
    std::vector<int> children_;
    int root_ = -1;
    std::uint64_t expanded_ = 0;
    YAML::Mark biggest_alias_ = YAML::Mark::null_mark();
    std::uint64_t biggest_alias_size_ = 0;
};

}  // namespace ta
