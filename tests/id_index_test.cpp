// The scenario's id look-ups (sim/id_index.h): every check, the analysis and the runtime rely on
// them, so they must agree with a plain map in every case, duplicates and copies included.
#include <doctest/doctest.h>

#include <map>
#include <memory>
#include <string>

#include "id_index.h"
#include "scenario.h"

using namespace ta;

namespace {

struct Item {
    std::string id;
};

std::vector<Item> items_of(std::initializer_list<const char*> ids) {
    std::vector<Item> out;
    for (const char* id : ids) out.push_back({id});
    return out;
}

}  // namespace

TEST_CASE("an id index finds each id at its place and nothing else") {
    IdIndex index;
    CHECK(index.find("a") == -1);  // never built
    index.rebuild(items_of({"greet", "greet-2", "g", "", "ending#1"}));
    CHECK(index.find("greet") == 0);
    CHECK(index.find("greet-2") == 1);
    CHECK(index.find("g") == 2);
    CHECK(index.find("") == 3);
    CHECK(index.find("ending#1") == 4);
    // Prefixes, extensions and near misses of stored ids are not found.
    CHECK(index.find("gree") == -1);
    CHECK(index.find("greet-") == -1);
    CHECK(index.find("greet-22") == -1);
    CHECK(index.find("Greet") == -1);
    CHECK(index.find(std::string("g\0", 2)) == -1);
    index.rebuild(items_of({}));
    CHECK(index.find("greet") == -1);
}

TEST_CASE("an id index keeps the first of a duplicated id, as validation expects") {
    IdIndex index;
    index.rebuild(items_of({"a", "b", "a", "c", "b"}));
    CHECK(index.find("a") == 0);
    CHECK(index.find("b") == 1);
    CHECK(index.find("c") == 3);
}

TEST_CASE("an id index agrees with a map on many ids") {
    // Enough ids to make the open-addressing table collide and wrap; ids of every length.
    std::vector<Item> items;
    std::map<std::string, int> expected;
    for (int i = 0; i < 20000; ++i) {
        std::string id = (i % 3 ? "node-" : "n") + std::to_string(i * 7919 % 20011);
        if (i % 101 == 0) id = "dup-" + std::to_string(i % 5);  // a few repeated ids
        items.push_back({id});
        expected.emplace(id, i);  // the first one stays, as in the index
    }
    IdIndex index;
    index.rebuild(items);
    for (const auto& [id, at] : expected) REQUIRE(index.find(id) == at);
    CHECK(index.find("node-20011") == -1);
    CHECK(index.find("dup-5") == -1);
}

TEST_CASE("a copied scenario finds its ids after the original is gone") {
    auto original = std::make_unique<Scenario>();
    original->nodes.resize(2);
    original->nodes[0].id = "opening";
    original->nodes[1].id = "a-node-id-far-too-long-for-any-short-string-buffer";
    original->endings.resize(1);
    original->endings[0].id = "won";
    original->reindex();
    const Scenario copy = *original;
    original.reset();
    CHECK(copy.node_index("opening") == 0);
    CHECK(copy.node_index("a-node-id-far-too-long-for-any-short-string-buffer") == 1);
    CHECK(copy.ending_index("won") == 0);
    CHECK(copy.node_index("won") == -1);
    CHECK(copy.find_node("nowhere") == nullptr);
}

TEST_CASE("reindexing a scenario follows its renamed and added nodes") {
    Scenario s;
    s.nodes.resize(1);
    s.nodes[0].id = "first";
    s.reindex();
    s.nodes[0].id = "renamed";
    s.nodes.push_back({});
    s.nodes[1].id = "second";
    s.reindex();
    CHECK(s.node_index("first") == -1);
    CHECK(s.node_index("renamed") == 0);
    CHECK(s.node_index("second") == 1);
}
