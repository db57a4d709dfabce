# The two commands a newcomer needs:  make run   and   make test
# Both install what is missing (see tools/setup.sh), configure and build.
BUILD ?= build
JOBS  ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: all setup build run test asan bench bench-room clean

all: build

setup:
	@bash tools/setup.sh

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo

build: setup $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

run: build
	./$(BUILD)/sim/turnaround scenarios

test: build
	cd $(BUILD) && ctest --output-on-failure

asan: setup
	cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DTURNAROUND_SANITIZE=ON
	cmake --build build-asan -j $(JOBS)
	cd build-asan && ctest --output-on-failure

bench: build
	./$(BUILD)/tools/turnaround-bench
	./$(BUILD)/tools/turnaround-bench --layered

# The workshop room under load: the real window on a virtual display, sixty phones vote in a second.
bench-room: setup $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS) --target turnaround turnaround-room-bench
	xvfb-run -a -s "-screen 0 1280x800x24" ./$(BUILD)/tools/turnaround-room-bench \
	  --scenario scenarios/examples/wrong-size-boots.yaml

clean:
	rm -rf $(BUILD) build-asan
