package org.sotay.registry.api;

public enum Gender {
    MALE, FEMALE, OTHER
}
