#include "yaml_tree.h"

#include <algorithm>
#include <sstream>

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include "yaml_syntax.h"

namespace ta {

// Receives yaml-cpp's events for one document and lays the values out flat. Children are
// collected on one shared stack while their collection is open, then copied in one piece.
class YamlTreeBuilder : public YAML::EventHandler {
public:
    YamlTreeBuilder(YamlTree& tree, const std::string& text) : tree_(tree), text_(text) {
        anchors_.push_back(-1);  // anchors start at 1
        line_starts_.push_back(0);
        for (std::size_t i = 0; i < text.size(); ++i)
            if (text[i] == '\n') line_starts_.push_back(i + 1);
        // yaml-cpp skips a byte order mark before it counts columns.
        if (text.compare(0, 3, "\xEF\xBB\xBF") == 0) bom_ = 3;
    }

    // Values a walk of the whole tree meets (see YamlTree::expanded_count).
    std::uint64_t expanded(int v) const { return expanded_[v]; }

    void OnDocumentStart(const YAML::Mark&) override {}
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
        attach(make(YAML::NodeType::Null, mark, anchor));
    }
    void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
        // The parser only reports aliases to anchors it has seen, but never trust an index.
        if (anchor >= anchors_.size() || anchors_[anchor] < 0) {
            attach(make(YAML::NodeType::Null, mark, 0));
            return;
        }
        const int target = anchors_[anchor];
        // An alias inside what it names (`&a [*a]`) is counted once; anything else, whole.
        const std::uint64_t size = is_open_[target] ? 1 : expanded_[target];
        if (size > tree_.biggest_alias_size_) {
            tree_.biggest_alias_size_ = size;
            tree_.biggest_alias_ = mark;
        }
        attach(target);
    }
    void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor, const std::string& value) override {
        if (tag == "!") check_quote_closes(mark);
        int v = make(YAML::NodeType::Scalar, mark, anchor);
        tree_.nodes_[v].scalar = value;
        tree_.nodes_[v].quoted = tag != "?";  // yaml-cpp tags plain scalars "?", quoted and block ones "!"
        attach(v);
    }
    void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                         YAML::EmitterStyle::value) override {
        open(make(YAML::NodeType::Sequence, mark, anchor));
    }
    void OnSequenceEnd() override { close(); }
    void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                    YAML::EmitterStyle::value) override {
        open(make(YAML::NodeType::Map, mark, anchor));
    }
    void OnMapEnd() override { close(); }

private:
    int make(YAML::NodeType::value type, const YAML::Mark& mark, YAML::anchor_t anchor) {
        int v = static_cast<int>(tree_.nodes_.size());
        tree_.nodes_.push_back({type, mark, 0, 0, {}});
        expanded_.push_back(1);
        is_open_.push_back(0);
        if (anchor) {
            if (anchor >= anchors_.size()) anchors_.resize(anchor + 1, -1);
            anchors_[anchor] = v;  // registered at the start, as YAML::Node does: `&a [*a]` holds itself
        }
        return v;
    }
    void attach(int v) {
        if (open_.empty()) {
            if (tree_.root_ < 0) tree_.root_ = v;
        } else {
            pending_.push_back(v);
        }
    }
    void open(int v) {
        attach(v);
        open_.push_back({v, pending_.size()});
        is_open_[v] = 1;
    }
    void close() {
        if (open_.empty()) return;
        auto [v, from] = open_.back();
        open_.pop_back();
        YamlTree::Value& value = tree_.nodes_[v];
        value.first_child = static_cast<int>(tree_.children_.size());
        value.child_count = static_cast<int>(pending_.size() - from);
        // A map's events always come as key, value; guard the pairing all the same.
        if (value.type == YAML::NodeType::Map && value.child_count % 2 != 0) {
            YAML::Mark mark = value.mark;
            pending_.push_back(make(YAML::NodeType::Null, mark, 0));  // may move nodes_: `value` is not used after
            ++tree_.nodes_[v].child_count;
        }
        // Every child is complete by now, except a collection this one sits in (an alias to it).
        std::uint64_t total = 1;
        for (std::size_t k = from; k < pending_.size(); ++k)
            total = std::min(YamlTree::kExpansionCap, total + (is_open_[pending_[k]] ? 1 : expanded_[pending_[k]]));
        expanded_[v] = total;
        is_open_[v] = 0;
        tree_.children_.insert(tree_.children_.end(), pending_.begin() + static_cast<std::ptrdiff_t>(from), pending_.end());
        pending_.resize(from);
    }

    // A quoted scalar whose quote never closes runs to the end of the file, where yaml-cpp
    // quietly ends it when the file ends in a line break: refuse it as yaml-cpp does without one.
    void check_quote_closes(const YAML::Mark& mark) {
        if (mark.line < 0 || static_cast<std::size_t>(mark.line) >= line_starts_.size()) return;
        const std::size_t at = line_starts_[mark.line] + static_cast<std::size_t>(mark.column) + (mark.line == 0 ? bom_ : 0);
        if (at >= text_.size() || (text_[at] != '"' && text_[at] != '\'')) return;
        if (closing_quote(text_, at) == std::string::npos) throw YAML::ParserException(mark, YAML::ErrorMsg::EOF_IN_SCALAR);
    }

    struct Open {
        int value;
        std::size_t from;  // where its children start on pending_
    };
    YamlTree& tree_;
    const std::string& text_;
    std::vector<std::size_t> line_starts_;
    std::size_t bom_ = 0;
    std::vector<std::uint64_t> expanded_;  // per value: see YamlTree::expanded_count
    std::vector<char> is_open_;            // per value: a collection whose end has not come yet
    std::vector<int> anchors_;
    std::vector<Open> open_;
    std::vector<int> pending_;
};

std::unique_ptr<YamlTree> YamlTree::parse(const std::string& text) {
    auto tree = std::make_unique<YamlTree>();
    // A scenario holds about one value per 30 bytes; reserving that spares a large story's
    // tree most of its moves while growing (a smaller file just wastes a little).
    tree->nodes_.reserve(text.size() / 32 + 16);
    tree->children_.reserve(text.size() / 32 + 16);
    std::istringstream in(text);
    YAML::Parser parser(in);
    YamlTreeBuilder builder(*tree, text);
    parser.HandleNextDocument(builder);
    if (tree->root_ < 0) {  // an empty document is null, as with YAML::Load
        tree->root_ = static_cast<int>(tree->nodes_.size());
        tree->nodes_.push_back({YAML::NodeType::Null, YAML::Mark::null_mark(), 0, 0, {}});
        tree->expanded_ = 1;
    } else {
        tree->expanded_ = builder.expanded(tree->root_);
    }
    return tree;
}

YAML::NodeType::value YamlNode::Type() const {
    return tree_ && index_ >= 0 ? tree_->nodes_[index_].type : YAML::NodeType::Undefined;
}

const std::string& YamlNode::Scalar() const {
    static const std::string kEmpty;
    return IsScalar() ? tree_->nodes_[index_].scalar : kEmpty;
}

bool YamlNode::IsQuoted() const { return IsScalar() && tree_->nodes_[index_].quoted; }

YAML::Mark YamlNode::Mark() const { return IsDefined() ? tree_->nodes_[index_].mark : YAML::Mark::null_mark(); }

std::size_t YamlNode::size() const {
    if (IsSequence()) return static_cast<std::size_t>(tree_->nodes_[index_].child_count);
    if (IsMap()) return static_cast<std::size_t>(tree_->nodes_[index_].child_count / 2);
    return 0;
}

YamlNode YamlNode::operator[](std::string_view key) const {
    if (!IsMap()) return {};
    for (const Item& entry : *this)
        if (entry.first.IsScalar() && entry.first.Scalar() == key) return entry.second;
    return {};
}

YamlNode::iterator YamlNode::begin() const {
    if (!IsSequence() && !IsMap()) return {};
    const YamlTree::Value& v = tree_->nodes_[index_];
    return {tree_, tree_->children_.data() + v.first_child, IsMap()};
}

YamlNode::iterator YamlNode::end() const {
    if (!IsSequence() && !IsMap()) return {};
    const YamlTree::Value& v = tree_->nodes_[index_];
    return {tree_, tree_->children_.data() + v.first_child + v.child_count, IsMap()};
}

YamlNode::iterator::iterator(const YamlTree* tree, const int* at, bool map) : tree_(tree), at_(at), map_(map) {}

void YamlNode::iterator::load() const {
    if (map_) {
        item_.first = {tree_, at_[0]};
        item_.second = {tree_, at_[1]};
    } else {
        static_cast<YamlNode&>(item_) = {tree_, at_[0]};
    }
}

YamlNode::iterator& YamlNode::iterator::operator++() {
    at_ += map_ ? 2 : 1;
    return *this;
}

}  // namespace ta
