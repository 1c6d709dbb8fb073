// IniFile: the INI dialect of the AWS CLI's shared credentials and config files
// (~/.aws/credentials, ~/.aws/config).
//
//   # a comment          ; also a comment (whole lines only; '#' inside a value is kept)
//   [default]
//   aws_access_key_id = AKIA...
//   region=us-east-1
//   s3 =                 <- a key whose value continues on indented lines
//     max_concurrent_requests = 10
//
// Section names and values are trimmed; keys are trimmed and lower-cased. An indented line
// continues the previous key's value (joined with '\n'). A section that appears twice is merged;
// a repeated key keeps its last value.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "domain/result.h"

namespace stratus {

class IniFile {
 public:
  using Section = std::map<std::string, std::string>;

  // Parses `text`. `origin` (a file path) is used in error contexts as "<origin>:<line>".
  // Errors: InvalidInput for a key line before any section, an unclosed '[', an empty section
  // name, an empty key, or a line that is none of section / key = value / comment / blank.
  // Messages never repeat the line's text (it may hold a secret key), only its number.
  static Result<IniFile> parse(std::string_view text, std::string_view origin);

  // The section named exactly `name`, if present.
  const Section* section(std::string_view name) const;
  // The value of `key` (lower case) in section `name`, if both exist.
  std::optional<std::string> value(std::string_view name, std::string_view key) const;

 private:
  std::map<std::string, Section, std::less<>> sections_;
};

}  // namespace stratus
