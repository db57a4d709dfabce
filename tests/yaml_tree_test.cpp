// YamlTree: the loader's compact document must read YAML as YAML::Load does.
#include <doctest/doctest.h>

#include <yaml-cpp/exceptions.h>

#include <string>
#include <vector>

#include "yaml_tree.h"

using ta::YamlNode;
using ta::YamlTree;

namespace {

std::vector<std::string> scalars(const YamlNode& list) {
    std::vector<std::string> out;
    for (const auto& item : list) out.push_back(item.Scalar());
    return out;
}

}  // namespace

TEST_CASE("maps, lists and scalars keep their order, values and positions") {
    auto tree = YamlTree::parse("id: cake\nnodes:\n  - a\n  - b\nempty:\nmood: -5\n");
    YamlNode root = tree->root();
    REQUIRE(root.IsMap());
    CHECK(root.size() == 4);
    CHECK(root["id"].Scalar() == "cake");
    CHECK(root["mood"].Scalar() == "-5");
    CHECK(root["empty"].IsNull());
    CHECK(scalars(root["nodes"]) == std::vector<std::string>{"a", "b"});
    CHECK(root["nodes"].Mark().line == 2);  // 0-based, as yaml-cpp counts
    CHECK(root["nodes"].Mark().column == 2);
    std::vector<std::string> keys;
    for (auto it = root.begin(); it != root.end(); ++it) keys.push_back(it->first.Scalar());
    CHECK(keys == std::vector<std::string>{"id", "nodes", "empty", "mood"});
}

TEST_CASE("a missing key, or a key of a non-map, is undefined and never throws") {
    auto tree = YamlTree::parse("- id: a\n-\n  say: hello\n");
    YamlNode second = *std::next(tree->root().begin());
    YamlNode id = second["id"];
    CHECK_FALSE(id.IsDefined());
    CHECK_FALSE(id.IsScalar());
    CHECK(id.Scalar().empty());
    CHECK(id.size() == 0);
    CHECK(id.begin() == id.end());
    CHECK(second["say"]["deeper"].Type() == YAML::NodeType::Undefined);
    CHECK(id.Mark().line == -1);
}

TEST_CASE("duplicate keys are kept in order; lookup finds the first") {
    auto tree = YamlTree::parse("format: 1\nformat: 2\n");
    CHECK(tree->root().size() == 2);
    CHECK(tree->root()["format"].Scalar() == "1");
}

TEST_CASE("an alias is the node its anchor names, even inside itself") {
    auto tree = YamlTree::parse("a: &x [1, 2]\nb: *x\nc: &self [*self]\n");
    YamlNode root = tree->root();
    CHECK(scalars(root["b"]) == std::vector<std::string>{"1", "2"});
    CHECK(root["b"].Mark().line == root["a"].Mark().line);  // the same node, not a copy
    YamlNode self = root["c"];
    REQUIRE(self.size() == 1);
    CHECK((*self.begin()).IsSequence());
    CHECK((*(*self.begin()).begin()).IsSequence());  // it contains itself
}

TEST_CASE("an alias bomb stays small: shared, never expanded") {
    std::string text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
    std::string prev = "a";
    for (char c = 'b'; c <= 'j'; ++c) {
        text += std::string(1, c) + ": &" + c + " [";
        for (int i = 0; i < 10; ++i) text += (i ? ", *" : "*") + prev;
        text += "]\n";
        prev = std::string(1, c);
    }
    auto tree = YamlTree::parse(text);  // 10^10 leaves when expanded
    CHECK(tree->node_count() < 200);
}

TEST_CASE("an empty document is null; only the first document is read; bad YAML throws with a mark") {
    CHECK(YamlTree::parse("")->root().IsNull());
    CHECK(YamlTree::parse("# only a comment\n")->root().IsNull());
    CHECK(YamlTree::parse("a: 1\n---\nb: [\n")->root()["a"].Scalar() == "1");
    try {
        YamlTree::parse("a: [1, 2\nb: 3\n");
        FAIL("no exception");
    } catch (const YAML::Exception& e) {
        CHECK(e.mark.line >= 0);
    }
}
