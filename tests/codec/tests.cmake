# Codec oracle: every file of the shared corpus goes through `hpactl fmt`
# and is compared with PyYAML's reading of the original (corpus_oracle.py).
# Skipped (exit 77) when the corpus is absent; needs hpactl (examples).
if(TARGET hpactl)
  add_test(NAME codec.corpus_oracle
    COMMAND ${HPA_PYTHON} ${CMAKE_CURRENT_LIST_DIR}/corpus_oracle.py
      --hpactl $<TARGET_FILE:hpactl>
      --corpus ${HPA_SHARED_DIR}/corpus
      --rejects ${CMAKE_CURRENT_LIST_DIR}/corpus-rejects.tsv)
  set_tests_properties(codec.corpus_oracle PROPERTIES SKIP_RETURN_CODE 77 LABELS "codec")
endif()
