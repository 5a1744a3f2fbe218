package com.dataquality.dqs.scoring;

import com.dataquality.dqs.record.ModelRole;

/**
 * One model a job serves, as kept in broadcast state: its bytes travel with every checkpoint and
 * savepoint, so a restored job serves what it served before.
 *
 * @param share for a challenger: the share of series it serves in an A/B split (0: shadow only)
 * @param modelJson the model document (the drift operator keeps only its drift reference part)
 */
public record ServedModel(
        String version, String origin, ModelRole role, double share, byte[] modelJson)
        implements java.io.Serializable {

    public ServedModel withRole(ModelRole newRole, double newShare) {
        return new ServedModel(version, origin, newRole, newShare, modelJson);
    }

    public ServedModel withJson(byte[] json) {
        return new ServedModel(version, origin, role, share, json);
    }
}
