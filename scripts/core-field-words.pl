#!/usr/bin/env perl
# Rewrites CLI options inside Java string literals as FieldRef field keys: "use --tpot-ms 41"
# becomes "use `tpot_ms` 41" (docs: chipmix.validation.FieldRef; CoreSpeaksFieldsTest checks core).
# Usage: perl -i scripts/core-field-words.pl core/src/main/java/chipmix/.../File.java ...
# Review the diff: a path compared with an option elsewhere (the CLI's Errors does it through
# FieldRef.asOption) and a text that names a CLI command ("plan --samples") need a hand rewrite.
use strict;
use warnings;
while (my $line = <>) {
  $line =~ s{"((?:[^"\\]|\\.)*)"}{
    my $s = $1;
    $s =~ s/(?<![\w-])--([a-z][a-z0-9]*(?:-[a-z0-9]+)*)/my $k = $1; $k =~ tr{-}{_}; "`$k`"/ge;
    "\"$s\"";
  }ge;
  print $line;
}
