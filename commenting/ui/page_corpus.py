"""法规库."""
import streamlit as st

st.title("法规库")
