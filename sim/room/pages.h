// pages.h: the two pages the room serves, built into the program from phone_page.html and
// facilitator_page.html. They load nothing from the internet.
#pragma once

#include <string_view>

namespace ta::room {

std::string_view phone_page_html();
std::string_view facilitator_page_html();
std::string_view code_form_html();  // asked for when the room code is missing or wrong

}  // namespace ta::room
