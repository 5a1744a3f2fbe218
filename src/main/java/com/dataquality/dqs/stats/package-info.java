/**
 * Statistics without a home in one stage: population stability index and Wasserstein distance (used
 * when a model's drift reference is calibrated and when drift is judged), and the paired comparison
 * of two forecasters with its t-test and always-valid sequential evidence (Student's t distribution
 * included). Pure Java, imports nothing of the project.
 */
package com.dataquality.dqs.stats;
