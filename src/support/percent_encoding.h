// RFC 3986 percent-encoding, the one every URL, form body and signature here uses.
#pragma once

#include <string>
#include <string_view>

namespace stratus {

enum class HexCase { kUpper, kLower };

// `text` with every byte percent-encoded but the unreserved ones (A-Z a-z 0-9 - . _ ~) and those
// in `also_keep` (e.g. "/" for a path). Hex digits in `hex_case` (upper, as RFC 3986 recommends
// and SigV4 requires, unless told otherwise).
std::string percent_encode(std::string_view text, HexCase hex_case = HexCase::kUpper,
                           std::string_view also_keep = {});

}  // namespace stratus
