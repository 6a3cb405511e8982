"""历史意见."""
import streamlit as st

st.title("历史意见")
