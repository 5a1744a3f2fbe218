package com.dataquality.dqs.model;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A registry version: {@code major.minor.patch+build}, the build metadata being a hash of the
 * model's LightGBM text (what the model is, whatever it is called). A new feature list is a major
 * bump (older models' features are not this one's); any other new model a minor bump; the patch
 * number is kept for re-tags that change no trees.
 */
public record SemanticVersion(int major, int minor, int patch, String build)
        implements Comparable<SemanticVersion> {

    private static final Pattern FORM =
            Pattern.compile("(\\d{1,6})\\.(\\d{1,6})\\.(\\d{1,6})(?:\\+([0-9A-Za-z.-]{1,64}))?");

    /** The version of a name, or null when it is not a semantic version (a pre-registry name). */
    public static SemanticVersion parse(String s) {
        Matcher m = s == null ? null : FORM.matcher(s);
        if (m == null || !m.matches()) {
            return null;
        }
        return new SemanticVersion(
                Integer.parseInt(m.group(1)),
                Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)),
                m.group(4));
    }

    public SemanticVersion nextMajor(String newBuild) {
        return new SemanticVersion(major + 1, 0, 0, newBuild);
    }

    public SemanticVersion nextMinor(String newBuild) {
        return new SemanticVersion(major, minor + 1, 0, newBuild);
    }

    /** Precedence as semantic versioning orders it: build metadata does not count. */
    @Override
    public int compareTo(SemanticVersion o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) {
            c = Integer.compare(minor, o.minor);
        }
        return c != 0 ? c : Integer.compare(patch, o.patch);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch + (build == null ? "" : "+" + build);
    }
}
