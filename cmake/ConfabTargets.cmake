# Settings every target of our own gets: strict warnings (as errors) and the Qt
# definitions that keep string and URL conversions explicit.
function(confab_target_defaults target)
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Werror)
    target_compile_definitions(${target} PRIVATE
        QT_NO_CAST_FROM_ASCII
        QT_NO_URL_CAST_FROM_STRING
        QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
        QT_NO_FOREACH
        QT_USE_QSTRINGBUILDER)
    if(CONFAB_SANITIZE)
        # Every error stops the program, so that a test sees it fail.
        set(sanitizers -fsanitize=address,undefined -fno-sanitize-recover=all)
        target_compile_options(${target} PRIVATE ${sanitizers} -fno-omit-frame-pointer)
        target_link_options(${target} PRIVATE ${sanitizers})
        # Tests that measure time allow for the sanitizers' slowdown.
        target_compile_definitions(${target} PRIVATE CONFAB_SANITIZED)
    endif()
    if(CONFAB_BUILD_FUZZERS)
        # Coverage for libFuzzer in our libraries; the fuzz targets add the fuzzer itself.
        target_compile_options(${target} PRIVATE -fsanitize=fuzzer-no-link)
    endif()
endfunction()
