package com.dataquality.dqs.model;

/**
 * The first rule a model document breaks, as one line (no file name: {@link ModelFile} adds it).
 *
 * <p>Checked, so that every check's caller has to turn it into the {@code InputException} users
 * see; and without a stack trace, because the fuzz test and a flood of bad messages on the models
 * topic throw thousands of them and the trace would say nothing the message does not.
 */
final class InvalidModel extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidModel(String problem) {
        super(problem, null, false, false);
    }
}
