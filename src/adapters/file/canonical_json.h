// A fast check that a line is exactly the compact JSON the audit log writes (nlohmann's dump:
// no whitespace, object keys unique and sorted, the serializer's own string escapes, valid
// UTF-8), reading each byte once without building a document. The verifier uses it to skip
// parsing and re-dumping lines that are already canonical; anything it is not sure of it leaves
// to the exact path (parse, then dump).
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace stratus {

// One member of the top-level object, as views into the scanned text.
struct JsonMember {
  std::string_view key;    // Without its quotes (keys with escapes are never accepted).
  std::string_view value;  // The value's exact text, e.g. "\"abc\"", "12", "{...}".
  std::size_t begin = 0;   // Offset of the key's opening quote in the text.
};

// True when `text` is certainly nlohmann's compact dump of the JSON object it denotes, i.e.
// dump(parse(text)) == text; then `members` holds its top-level members in order. False when it
// is not, or when that cannot be told without parsing: numbers other than integers of at most
// 18 digits (and "-0"), keys holding escapes, nesting deeper than 200.
bool scan_canonical_object(std::string_view text, std::vector<JsonMember>& members);

}  // namespace stratus
