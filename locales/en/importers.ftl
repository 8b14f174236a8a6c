# Importers: Seoul's open data sets and translators' Fluent files of
# listing text.

problem-detail-content-import-failed = { $count ->
    [one] One problem was found in the file; nothing was imported. See “errors”.
   *[other] { $count } problems were found in the file; nothing was imported. See “errors”.
}
problem-detail-content-import-stale = A listing changed while the file was being imported; nothing was imported. Send the file again.
field-error-invalid-fluent = { $field }: { $reason }

## Languages that Seoul's open data lists (USE_LANG)

language-th = Thai
language-id = Indonesian
language-ar = Arabic
language-pt = Portuguese
language-uz = Uzbek
language-tl = Tagalog
