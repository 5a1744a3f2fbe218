/**
 * The {@code dqs} command line (CONTRACT.md §5): one thin class per sub-command that parses options
 * and calls the library, and the one place where exceptions become one line on stderr and an exit
 * code. The top layer: nothing imports it.
 */
package com.dataquality.dqs.cli;
