"""Counts for the nämnd's uppföljning, from the decision log and the documentation journal."""
